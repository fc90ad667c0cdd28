package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.conformance.ForkedJvm;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.transport.jdk.JdkHttpTransport;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive recipes of {@code docs/startup.md}, with the JVM options taken from the
 * page as written: a training run writes the archive, and the next run reads the SDK's classes from
 * it rather than from their jars.
 */
class CdsRecipeTest {

  private static final Path PAGE = Path.of("..", "docs", "startup.md");
  private static final Pattern JVM_OPTION = Pattern.compile("-XX:\\S+");

  private static ImageKitSimulator simulator;
  private static String requestId;

  @TempDir Path dir;

  @BeforeAll
  static void startSimulator() {
    simulator = ImageKitSimulator.builder().completeAfterPolls(Integer.MAX_VALUE).start();
    requestId = simulator.registerPurge("https://ik.imagekit.io/demo/cds.jpg");
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @Test
  void theCdsRecipeArchivesTheSdksClasses() throws Exception {
    List<List<String>> runs = recipe("cds");

    assertThat(runs).hasSize(2);
    assertThat(archivedSdkClasses(runs, "app.jsa")).isTrue();
  }

  @Test
  void theAotRecipeCachesTheSdksClassesOnJava25() throws Exception {
    assumeTrue(
        Runtime.version().feature() >= 25, "the AOT cache options need Java 25 (JEP 483, 514)");
    List<List<String>> runs = recipe("aot");

    assertThat(runs).hasSize(2);
    assertThat(archivedSdkClasses(runs, "app.aot")).isTrue();
  }

  /**
   * Runs the training run and the run after it with the page's options on a class path of jars, and
   * returns whether the second read the SDK's classes from the archive.
   */
  private boolean archivedSdkClasses(List<List<String>> runs, String archive) throws Exception {
    String classPath = classPathOfJars();
    List<String> training = inDir(runs.get(0));
    ForkedJvm.Result trained = run(classPath, training);
    assertThat(dir.resolve(archive)).as(trained.output()).isNotEmptyFile();

    List<String> after = new ArrayList<>(inDir(runs.get(1)));
    after.add("-Xlog:class+load=info");
    String output = run(classPath, after).output();
    Matcher client =
        Pattern.compile("io\\.github\\.ikpurge\\.PurgeClient source: (.*)").matcher(output);
    assertThat(client.find()).as(output).isTrue();
    return client.group(1).startsWith("shared objects file");
  }

  private ForkedJvm.Result run(String classPath, List<String> options) throws Exception {
    ForkedJvm.Result run =
        ForkedJvm.run(
            Duration.ofMinutes(2),
            classPath,
            options,
            CdsRecipeMain.class.getName(),
            simulator.baseUri().toString(),
            simulator.privateKey(),
            requestId);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("status Pending");
    return run;
  }

  /** The JVM options of each {@code java} line of the recipe, in order. */
  private static List<List<String>> recipe(String name) throws IOException {
    Matcher block =
        Pattern.compile(
                "<!-- recipe: " + Pattern.quote(name) + " -->\\n```shell\\n(.*?)```",
                Pattern.DOTALL)
            .matcher(Files.readString(PAGE));
    assertThat(block.find()).as("docs/startup.md has the recipe " + name).isTrue();
    List<List<String>> runs = new ArrayList<>();
    for (String line : block.group(1).split("\n")) {
      if (line.startsWith("java ")) {
        List<String> options = new ArrayList<>();
        Matcher option = JVM_OPTION.matcher(line);
        while (option.find()) {
          options.add(option.group());
        }
        runs.add(options);
      }
    }
    return runs;
  }

  /** The options with the archive's file put in this test's folder. */
  private List<String> inDir(List<String> options) {
    List<String> placed = new ArrayList<>();
    for (String option : options) {
      int equals = option.indexOf('=');
      placed.add(option.substring(0, equals + 1) + dir.resolve(option.substring(equals + 1)));
    }
    return placed;
  }

  /**
   * Core, the JDK transport and the application, each as a jar: CDS archives no class read from a
   * directory, and Java 17 writes no archive while a class path directory holds files.
   */
  private String classPathOfJars() throws IOException, URISyntaxException {
    List<String> jars = new ArrayList<>();
    for (Class<?> type : List.of(PurgeClient.class, JdkHttpTransport.class, CdsRecipeMain.class)) {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      jars.add(Files.isDirectory(location) ? jar(location, type).toString() : location.toString());
    }
    return String.join(File.pathSeparator, jars);
  }

  /** A jar of a class folder: all of it, or for the application only its own main class. */
  private Path jar(Path classes, Class<?> type) throws IOException {
    Path jar = Files.createTempFile(dir, "classes", ".jar");
    boolean application = type == CdsRecipeMain.class;
    String own = type.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        if (!application || name.equals(own)) {
          entries.putNextEntry(new JarEntry(name));
          Files.copy(file, entries);
          entries.closeEntry();
        }
      }
    }
    return jar;
  }
}
