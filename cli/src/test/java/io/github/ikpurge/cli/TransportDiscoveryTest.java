package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.conformance.LogCapture;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery with all three transports on the class path, as the command has them. */
class TransportDiscoveryTest {

  private final ImageKitSimulator simulator = ImageKitSimulator.start();

  @AfterEach
  void stop() {
    simulator.close();
    System.clearProperty("ikpurge.transport");
  }

  @Test
  void withNothingNamedTheHighestPriorityIsPickedAndTheChoiceIsLogged() {
    try (LogCapture logs = LogCapture.start();
        PurgeClient client = simulator.clientBuilder().build()) {

      assertThat(client.transportName()).isEqualTo("apache");
      assertThat(logs.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("Selected transport apache by highest priority")
                      .contains("jdk (priority 200)")
                      .contains("feign (priority 100)"));
      assertThat(client.purge("https://ik.imagekit.io/demo/a.jpg").metadata().statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void theSystemPropertyOverridesThePriority() {
    System.setProperty("ikpurge.transport", "feign");

    try (PurgeClient client = simulator.clientBuilder().build()) {
      assertThat(client.transportName()).isEqualTo("feign");
    }
  }

  @Test
  void theBuilderOverridesTheSystemProperty() {
    System.setProperty("ikpurge.transport", "feign");

    try (PurgeClient client = simulator.clientBuilder().transport("jdk").build()) {
      assertThat(client.transportName()).isEqualTo("jdk");
    }
  }

  @Test
  void theEnvironmentVariableOverridesThePriority() throws Exception {
    Result result = runDemo(Map.of("IKPURGE_TRANSPORT", "feign"), null);

    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(result.out).contains("Transport: feign").contains("Done.");
  }

  @Test
  void aProviderThatFailsToLoadIsSkippedWithAWarningAndTheOthersStillWork(@TempDir Path extra)
      throws Exception {
    Path services = extra.resolve("META-INF/services/io.github.ikpurge.spi.TransportProvider");
    Files.createDirectories(services.getParent());
    Files.write(services, List.of("com.example.missing.BrokenTransportProvider"));

    Result result = runDemo(Map.of(), extra);

    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(result.err)
        .contains("Skipped a TransportProvider that failed to load")
        .contains("com.example.missing.BrokenTransportProvider");
    assertThat(result.out).contains("Transport: apache").contains("Done.");
  }

  private record Result(int exitCode, String out, String err) {}

  /** Runs the demo in a fresh JVM on this test's class path, with an extra entry first if given. */
  private static Result runDemo(Map<String, String> env, Path extraClassPath)
      throws IOException, InterruptedException {
    String classPath = System.getProperty("java.class.path");
    if (extraClassPath != null) {
      classPath = extraClassPath + File.pathSeparator + classPath;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-cp", classPath, IkPurge.class.getName())
            .redirectErrorStream(false);
    builder.environment().remove("IMAGEKIT_PRIVATE_KEY");
    builder.environment().remove("IKPURGE_TRANSPORT");
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
