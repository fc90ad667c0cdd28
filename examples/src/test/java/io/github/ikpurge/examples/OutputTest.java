package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.json.BuiltInJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the commands print where IkPurgeTest cannot see it: the progress line on a terminal. */
class OutputTest {

  private static final String NL = System.lineSeparator();
  private static final PurgeRequestId ID = PurgeRequestId.of("0123456789abcdef01234567");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Output output(boolean json, boolean interactive) {
    return new Output(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        json,
        interactive);
  }

  private static PollEvent poll(int number, PurgeCacheStatus status) {
    return new PollEvent(ID, number, status, Duration.ofMillis(1500L * number));
  }

  private static PurgeStatusResult completed() {
    return new PurgeStatusResult(
        ID, PurgeCacheStatus.COMPLETED, ResponseMetadata.of(200, Headers.empty(), "{}"));
  }

  @Test
  void onATerminalTheProgressRewritesOneLineThatEndsBeforeTheStatus() {
    Output output = output(false, true);

    output.progress().onPoll(poll(1, PurgeCacheStatus.PENDING));
    output.progress().onPoll(poll(2, PurgeCacheStatus.COMPLETED));
    output.status(completed());

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "\rwaiting for "
                + ID
                + ": Pending (poll 1, 1.5 s)   "
                + "\rwaiting for "
                + ID
                + ": Completed (poll 2, 3.0 s)   "
                + NL);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ID + " Completed" + NL);
  }

  @Test
  void anErrorAfterProgressStartsOnALineOfItsOwn() {
    Output output = output(false, true);

    output.progress().onPoll(poll(1, PurgeCacheStatus.PENDING));
    output.endProgress();
    output.endProgress();
    output.error("BadRequestException", "No request found.", "ik-1");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .endsWith(
            "   "
                + NL
                + "error: No request found."
                + NL
                + "x-ik-requestId (for support): ik-1"
                + NL);
  }

  @Test
  void withJsonAnErrorIsOneObjectOnStandardOutput() {
    output(true, false).error("ConfigurationException", null, null);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).endsWith(NL).doesNotContain("ikRequestId");
    assertThat(
            BuiltInJsonCodec.create().readObject(printed.strip().getBytes(StandardCharsets.UTF_8)))
        .containsEntry("error", "ConfigurationException")
        .containsEntry("message", "null")
        .hasSize(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
