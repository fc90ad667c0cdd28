package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a wait for completion polls: its schedule as a function of the time, without a clock. */
class CompletionScheduleTest {

  private static final long S = 1_000_000_000L;

  @ParameterizedTest(name = "a wait of {0} ms polls last at {1} ms")
  @CsvSource({"10000, 9000", "5000, 4500", "20000, 19000", "100, 90"})
  void theLastPollStartsATenthOfTheWaitBeforeItsEndAtMostASecond(long waitMillis, long lastMillis) {
    long started = 7 * S;

    assertThat(CompletionWaiter.lastPollStart(started, Duration.ofMillis(waitMillis)))
        .isEqualTo(started + Duration.ofMillis(lastMillis).toNanos());
  }

  @Test
  void aPollStartsAfterTheDelayWhileThatFitsTheWait() {
    assertThat(CompletionWaiter.pollStart(S, 2 * S, null, 5 * S)).hasValue(3 * S);
    assertThat(CompletionWaiter.pollStart(S, 4 * S, null, 5 * S)).hasValue(5 * S);
  }

  @Test
  void aDelayPastTheLastStartIsCutToIt() {
    assertThat(CompletionWaiter.pollStart(S, 10 * S, null, 5 * S)).hasValue(5 * S);
  }

  @Test
  void noPollFollowsOnceTheLastStartHasCome() {
    assertThat(CompletionWaiter.pollStart(5 * S, 1, null, 5 * S)).isEmpty();
    assertThat(CompletionWaiter.pollStart(6 * S, 1, null, 5 * S)).isEmpty();
  }

  @Test
  void aPauseTheServerAskedForIsKeptIfLongerThanTheDelay() {
    assertThat(CompletionWaiter.pollStart(0, S, Duration.ofSeconds(3), 5 * S)).hasValue(3 * S);
    assertThat(CompletionWaiter.pollStart(0, 2 * S, Duration.ofSeconds(1), 5 * S)).hasValue(2 * S);
    assertThat(CompletionWaiter.pollStart(0, S, Duration.ofSeconds(5), 5 * S)).hasValue(5 * S);
  }

  @Test
  void aPauseThatRunsPastTheLastStartEndsTheWait() {
    assertThat(CompletionWaiter.pollStart(0, S, Duration.ofSeconds(5).plusNanos(1), 5 * S))
        .isEmpty();
    assertThat(CompletionWaiter.pollStart(0, 6 * S, Duration.ZERO, 5 * S)).isEmpty();
  }

  /** {@link System#nanoTime()} may read negative, and may pass {@code Long.MAX_VALUE} and wrap. */
  @Test
  void theScheduleHoldsOnAnyReadingOfTheClock() {
    long negative = -9 * S;
    assertThat(CompletionWaiter.pollStart(negative, S, null, negative + 5 * S))
        .hasValue(negative + S);
    assertThat(CompletionWaiter.pollStart(negative + 5 * S, 1, null, negative + 5 * S)).isEmpty();

    long nearTheEnd = Long.MAX_VALUE - S;
    long lastStart = CompletionWaiter.lastPollStart(nearTheEnd, Duration.ofSeconds(10));
    assertThat(lastStart).isEqualTo(nearTheEnd + 9 * S).isNegative();
    assertThat(CompletionWaiter.pollStart(nearTheEnd, S / 2, null, lastStart))
        .hasValue(nearTheEnd + S / 2);
    assertThat(CompletionWaiter.pollStart(nearTheEnd, 2 * S, null, lastStart))
        .hasValue(nearTheEnd + 2 * S);
    assertThat(CompletionWaiter.pollStart(nearTheEnd, 20 * S, null, lastStart)).hasValue(lastStart);
    assertThat(CompletionWaiter.pollStart(lastStart, 1, null, lastStart)).isEmpty();
  }

  @ParameterizedTest(name = "{0} ns, jitter {1}, draw {2}: {3} ns")
  @CsvSource({
    "1000, 0.5, 1, 1500",
    "1000, 0.5, -1, 500",
    "1000, 0.2, 0.5, 1100",
    "1000, 0.2, -0.5, 900",
    "1000, 0, 0.7, 1000",
    "1000, 0.9, 0, 1000"
  })
  void jitterMovesADelayByAShareOfItself(long nanos, double jitter, double draw, long moved) {
    assertThat(CompletionWaiter.jittered(nanos, jitter, draw)).isEqualTo(moved);
  }
}
