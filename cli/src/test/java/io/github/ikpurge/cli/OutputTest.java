package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the commands print where IkPurgeTest cannot see it: the progress line on a terminal. */
class OutputTest {

  private static final String NL = System.lineSeparator();
  private static final PurgeRequestId ID = PurgeRequestId.of("0123456789abcdef01234567");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Output output(boolean json, boolean interactive) {
    return new Output(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        json,
        interactive,
        40);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The drawings of the progress line so far: what each carriage return starts. */
  private List<String> drawings() {
    String text = err();
    int end = text.indexOf(NL);
    String line = end < 0 ? text : text.substring(0, end);
    return Arrays.stream(line.split("\r")).filter(s -> !s.isEmpty()).toList();
  }

  private static PollEvent poll(int number, PurgeCacheStatus status) {
    return new PollEvent(ID, number, status, Duration.ofMillis(1500L * number));
  }

  private static PurgeStatusResult completed() {
    return new PurgeStatusResult(
        ID, PurgeCacheStatus.COMPLETED, ResponseMetadata.of(200, Headers.empty(), "{}"));
  }

  @Test
  void onATerminalTheWaitShowsAtOnceAndItsClockRunsBetweenPolls() throws Exception {
    Output output = output(false, true);

    PollListener listener = output.progress();
    Await.until("a first drawing before any poll", PATIENCE, () -> !drawings().isEmpty());
    assertThat(drawings().get(0)).startsWith("purging (0.");
    Await.until(
        "the clock to move with no poll",
        PATIENCE,
        () -> drawings().stream().map(String::strip).distinct().count() >= 2);

    listener.onPoll(poll(1, PurgeCacheStatus.PENDING));
    Await.until(
        "the poll to show",
        PATIENCE,
        () -> drawings().stream().anyMatch(d -> d.startsWith("waiting: Pending (poll 1, ")));
    int drawn = drawings().size();
    Await.until("a redraw after the poll", PATIENCE, () -> drawings().size() > drawn + 1);
    output.status(completed());

    String printed = err();
    assertThat(printed).endsWith(NL).containsOnlyOnce(NL);
    assertThat(drawings())
        .as("each drawing covers the last one and fits 40 columns without wrapping")
        .allSatisfy(drawing -> assertThat(drawing).hasSize(39));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ID + " Completed" + NL);
  }

  @Test
  void offATerminalEachPollIsALine() {
    Output output = output(false, false);

    PollListener listener = output.progress();
    listener.onPoll(poll(1, PurgeCacheStatus.PENDING));
    listener.onPoll(poll(2, PurgeCacheStatus.COMPLETED));
    output.status(completed());

    assertThat(err())
        .isEqualTo(
            "waiting for "
                + ID
                + ": Pending (poll 1, 1.5 s)"
                + NL
                + "waiting for "
                + ID
                + ": Completed (poll 2, 3.0 s)"
                + NL);
  }

  @Test
  void anErrorAfterProgressStartsOnALineOfItsOwn() throws Exception {
    Output output = output(false, true);

    output.progress().onPoll(poll(1, PurgeCacheStatus.PENDING));
    Await.until("a drawing", PATIENCE, () -> !drawings().isEmpty());
    output.endProgress();
    output.endProgress();
    output.error("BadRequestException", "No request found.", "ik-1");

    assertThat(err())
        .endsWith(
            " " + NL + "error: No request found." + NL + "x-ik-requestId (for support): ik-1" + NL);
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
    assertThat(err()).isEmpty();
  }
}
