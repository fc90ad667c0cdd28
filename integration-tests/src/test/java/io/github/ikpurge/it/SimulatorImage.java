package io.github.ikpurge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The simulator's container image, built from local files once per test run and removed when the
 * JVM ends. By default a {@code FROM scratch} image holding a {@link ScratchRuntime jlinked
 * runtime}, its shared libraries and the testkit's runnable jar: it needs no registry. When {@code
 * ikpurge.it.baseImage} names an image with a Java runtime ({@code java} on its path), only the jar
 * is copied onto it.
 */
final class SimulatorImage {

  private static String name;
  private static RuntimeException failure;

  private SimulatorImage() {}

  /**
   * Returns the name of the image, building it on the first call.
   *
   * @return the image name
   * @throws IllegalStateException if it cannot be built; later calls throw the same failure at once
   */
  static synchronized String name() {
    if (failure != null) {
      throw new IllegalStateException("the simulator image could not be built", failure);
    }
    if (name == null) {
      try {
        name = build(ItSettings.current());
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return name;
  }

  private static String build(ItSettings settings) {
    long started = System.nanoTime();
    Path jar = settings.simulatorJar().toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the testkit's runnable jar is not at "
              + jar
              + ": run the tests through Maven (mvn verify -pl integration-tests), which copies it"
              + " there, or set "
              + ItSettings.SIMULATOR_JAR);
    }
    Path context = settings.workDir().toAbsolutePath();
    String baseImage = settings.baseImage();
    ImageFromDockerfile image =
        new ImageFromDockerfile(
            "localhost/ikpurge-simulator:it-"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT),
            false);
    String how;
    try {
      Files.createDirectories(context);
      Files.copy(jar, context.resolve("simulator.jar"), StandardCopyOption.REPLACE_EXISTING);
      String dockerfile;
      if (baseImage.isEmpty()) {
        ScratchRuntime runtime = ScratchRuntime.build(context.resolve("rootfs"), jar);
        dockerfile =
            String.join(
                "\n",
                "FROM scratch",
                "COPY rootfs/ /",
                "COPY simulator.jar /app/simulator.jar",
                // No /tmp in the image: the JVM keeps no perf data file.
                "ENTRYPOINT [\""
                    + ScratchRuntime.JAVA_HOME_IN_IMAGE
                    + "/bin/java\", \"-XX:-UsePerfData\", \"-XX:+UseSerialGC\", \"-jar\","
                    + " \"/app/simulator.jar\"]",
                "");
        image.withFileFromPath("rootfs", runtime.rootfs());
        how =
            "FROM scratch; runtime of "
                + runtime.modules()
                + " linked by "
                + runtime.linkedBy()
                + "; "
                + runtime.libraries().size()
                + " shared libraries copied in";
      } else {
        dockerfile =
            String.join(
                "\n",
                "FROM " + baseImage,
                "COPY simulator.jar /app/simulator.jar",
                "ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-jar\", \"/app/simulator.jar\"]",
                "");
        how = "FROM " + baseImage;
      }
      Files.writeString(context.resolve("Dockerfile"), dockerfile);
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator image's files could not be prepared", e);
    }
    image
        .withFileFromPath("Dockerfile", context.resolve("Dockerfile"))
        .withFileFromPath("simulator.jar", context.resolve("simulator.jar"));
    String built = image.get();
    // Testcontainers removes only the containers when Ryuk is off; the image goes with the JVM.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> remove(built), "ikpurge-simulator-image-removal"));
    Long size = DockerClientFactory.instance().client().inspectImageCmd(built).exec().getSize();
    String report =
        String.format(
            Locale.ROOT,
            "simulator image %s built in %d ms, %.1f MB: %s%n",
            built,
            Duration.ofNanos(System.nanoTime() - started).toMillis(),
            size == null ? -1 : size / 1e6,
            how);
    System.out.print(report);
    try {
      Files.writeString(context.resolve("build-info.txt"), report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return built;
  }

  private static void remove(String image) {
    try {
      DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
    } catch (RuntimeException e) {
      System.err.println("the simulator image " + image + " could not be removed: " + e);
    }
  }
}
