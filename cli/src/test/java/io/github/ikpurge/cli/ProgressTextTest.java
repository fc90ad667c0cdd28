package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress lines' text, fitted to a terminal 40 columns wide (39 drawn) and to a wide one. */
class ProgressTextTest {

  private static final int NARROW = 39;

  private static Tally.Counts counts(long total, long accepted, long refused, long completed) {
    return new Tally.Counts(total, total, accepted, refused, 0, 0, 0, completed, 0, true);
  }

  @Test
  void aWideTerminalGetsEveryPart() {
    String line = ProgressText.bulk(counts(300, 120, 2, 100), Duration.ofSeconds(5), 120);

    assertThat(line).isEqualTo("34% 102/300 done 100 failed 2 pending 198 20.4/s ETA 0:09 0:05");
  }

  @Test
  void fortyColumnsKeepTheCountsAndTheClockWithinTheWidth() {
    String line = ProgressText.bulk(counts(300, 120, 2, 100), Duration.ofSeconds(5), NARROW);

    assertThat(line).isEqualTo("ok 100 fail 2 pend 198 ETA 0:09 0:05");
  }

  @Test
  void largeCountsStillFitFortyColumns() {
    for (long total : new long[] {9, 99_999, 9_999_999_999L}) {
      String line =
          ProgressText.bulk(counts(total, total / 2, total / 3, 0), Duration.ofHours(30), NARROW);

      assertThat(line.length()).as(line).isLessThanOrEqualTo(NARROW);
    }
  }

  @Test
  void anUnknownTotalShowsAQuestionMarkAndNoEta() {
    Tally.Counts counts = new Tally.Counts(-1, 7, 5, 0, 0, 0, 0, 0, 0, false);

    assertThat(ProgressText.bulk(counts, Duration.ofSeconds(2), 120))
        .isEqualTo("5/? done 5 failed 0 pending 2 2.5/s ETA ? 0:02");
  }

  @Test
  void theWaitLineDropsTheRequestIdAtFortyColumns() {
    PollEvent poll =
        new PollEvent(
            PurgeRequestId.of("0123456789abcdef01234567"),
            2,
            PurgeCacheStatus.PENDING,
            Duration.ofMillis(3000));

    assertThat(ProgressText.poll(poll, Duration.ofMillis(3456), 120))
        .isEqualTo("waiting for 0123456789abcdef01234567: Pending (poll 2, 3.5 s)");
    assertThat(ProgressText.poll(poll, Duration.ofMillis(3456), NARROW))
        .isEqualTo("waiting: Pending (poll 2, 3.5 s)");
    assertThat(ProgressText.poll(null, Duration.ofMillis(400), NARROW))
        .isEqualTo("purging (0.4 s)");
  }

  @Test
  void theLineIsPaddedToTheWidthSoThatEachDrawingCoversTheLast() {
    assertThat(ProgressLine.pad("ok 1", 10)).isEqualTo("ok 1      ");
    assertThat(ProgressLine.pad("0123456789abc", 10)).isEqualTo("0123456789");
  }
}
