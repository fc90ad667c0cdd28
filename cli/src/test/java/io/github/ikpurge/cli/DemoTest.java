package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return IkPurge.run(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        args);
  }

  @Test
  void withoutAKeyItFollowsAPurgeOnTheSimulatorFromPendingToCompleted() {
    int code = run(Map.of());

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(output)
        .containsSubsequence(
            "No IMAGEKIT_PRIVATE_KEY set: running against the embedded ImageKit simulator at http://127.0.0.1:",
            "Transport: apache",
            "Purging " + Demo.DEMO_FILE + " and waiting for it to complete:",
            "requestId ",
            "poll 1: Pending",
            "poll 2: Pending",
            "poll 3: Completed",
            "ImageKit.getInstance().getPurgeCacheStatus(",
            "-> Completed (HTTP 200)",
            "imagekit.PurgeStatus(",
            "-> Completed (raw {\"status\":\"Completed\"})",
            "Done.");
  }

  @Test
  void aKeyWithoutAUrlToPurgeIsAUsageError() {
    int code = run(Map.of("IMAGEKIT_PRIVATE_KEY", "private_x"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("set IMAGEKIT_PURGE_URL");
  }

  @Test
  void anUnknownArgumentIsAUsageError() {
    assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown option: '--bogus'")
        .contains("Usage:");
  }

  @Test
  void theDemoCommandIsWhatRunsWithNoCommand() {
    assertThat(run(Map.of(), "demo", "--transport", "jdk")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Transport: jdk").contains("Done.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "feign"})
  void theTransportOptionPicksTheTransportAndTheDemoSaysWhichItUsed(String transport) {
    int code = run(Map.of(), "--transport", transport);

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Transport: " + transport)
        .contains("poll 3: Completed")
        .contains("Done.");
  }

  @Test
  void aTransportThatIsNotThereFailsWithWhatWasFound() {
    int code = run(Map.of(), "--transport", "okhttp");

    assertThat(code).as("a configuration error").isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Transport \"okhttp\"")
        .contains("apache (priority 300)")
        .contains("jdk (priority 200)")
        .contains("feign (priority 100)");
  }
}
