package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command-line tool against the simulator, with the exit codes scripts branch on. */
class IkPurgeTest {

  private static final String FILE = "https://ik.imagekit.io/demo/a.jpg";

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().completeAfterPolls(1).start();
  private final Map<String, String> env = new HashMap<>();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  IkPurgeTest() {
    env.put("IMAGEKIT_PRIVATE_KEY", simulator.privateKey());
    env.put("IMAGEKIT_API_BASE_URL", simulator.baseUri().toString());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return IkPurge.run(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusExitsThreeWhilePendingAndZeroOnceCompleted() {
    String id = simulator.registerPurge(FILE);

    assertThat(run("status", id)).isEqualTo(3);
    assertThat(out()).isEqualTo(id + " Pending" + System.lineSeparator());
    assertThat(run("status", id)).isZero();
    assertThat(out()).isEqualTo(id + " Completed" + System.lineSeparator());
  }

  @Test
  void purgePrintsTheRequestIdAndWaitShowsAProgressLineAPoll() {
    assertThat(run("purge", FILE)).isZero();
    assertThat(out().strip()).matches("[0-9a-f]{24}");

    assertThat(run("purge", FILE, "--wait", "--transport", "jdk")).isZero();
    assertThat(out().strip()).matches("[0-9a-f]{24} Completed");
    assertThat(err())
        .containsPattern("waiting for [0-9a-f]{24}: Pending \\(poll 1, [0-9.]+ s\\)")
        .containsPattern("waiting for [0-9a-f]{24}: Completed \\(poll 2, [0-9.]+ s\\)");
  }

  @Test
  void jsonOutputIsOneObjectThatScriptsCanRead() {
    String id = simulator.registerPurge(FILE);

    assertThat(run("status", id, "--json")).isEqualTo(3);

    Map<String, Object> result =
        BuiltInJsonCodec.create().readObject(out().strip().getBytes(StandardCharsets.UTF_8));
    assertThat(result)
        .containsEntry("requestId", id)
        .containsEntry("status", "Pending")
        .containsEntry("httpStatus", new BigDecimal("200"))
        .containsEntry("ikRequestId", simulator.journal().get(0).ikRequestId());
  }

  @Test
  void aWaitThatRunsOutExitsThreeWithTheLastStatus() {
    String id = simulator.registerPurge(FILE);
    for (int i = 0; i < 20; i++) {
      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));
    }

    assertThat(run("status", id, "--wait", "--max-wait", "300ms")).isEqualTo(3);
    assertThat(err()).contains("still Pending");
  }

  @Test
  void aStatusNeitherPendingNorCompletedExitsFive() {
    simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Failed\"}"));

    assertThat(run("status", "abc")).isEqualTo(5);
    assertThat(out()).contains("abc Failed");
  }

  @Test
  void anApiErrorExitsOneWithTheMessageAndTheIkRequestId() {
    assertThat(run("status", "0123456789abcdef01234567")).isEqualTo(1);
    assertThat(err())
        .contains("No request found for this requestId.")
        .contains("x-ik-requestId (for support): " + simulator.journal().get(0).ikRequestId());

    assertThat(run("status", "0123456789abcdef01234567", "--json")).isEqualTo(1);
    assertThat(BuiltInJsonCodec.create().readObject(out().strip().getBytes(StandardCharsets.UTF_8)))
        .containsEntry("error", "BadRequestException");
  }

  @Test
  void badInputExitsTwoBeforeAnyNetworkCall() {
    assertThat(run("status", "../admin")).isEqualTo(2);
    assertThat(err()).contains("requestId");
    assertThat(run("purge", "/relative.jpg")).isEqualTo(2);
    assertThat(err()).contains("url");
    assertThat(run("status", "abc", "--max-wait", "soon")).isEqualTo(2);
    assertThat(err()).contains("'soon' is not a positive duration");
    assertThat(run("status")).isEqualTo(2);
    assertThat(err()).contains("Missing required parameter: '<requestId>'");
    assertThat(simulator.journal()).isEmpty();
  }

  @Test
  void withoutAPrivateKeyItExitsFour() {
    env.remove("IMAGEKIT_PRIVATE_KEY");

    assertThat(run("status", "abc")).isEqualTo(4);
    assertThat(err()).contains("IMAGEKIT_PRIVATE_KEY");
    env.put("IMAGEKIT_PRIVATE_KEY", "public_key_by_mistake");
    assertThat(run("status", "abc")).isEqualTo(4);
    assertThat(err()).contains("public key");
  }

  @Test
  void helpListsTheCommandsTheEnvironmentAndTheExitCodes() {
    assertThat(run("--help")).isZero();

    assertThat(out())
        .contains(
            "status",
            "purge",
            "demo",
            "IMAGEKIT_PRIVATE_KEY",
            "Exit codes:",
            "3  the purge is still Pending");
  }
}
