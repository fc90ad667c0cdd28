package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.domain.Headers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the fuzzing run ({@link FuzzingRunTest}) found, kept as plain tests with the input. */
class FuzzFindingsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

  /**
   * Jazzer, first run: {@code Retry-After: 10002000000001000} was checked against the one-day cap
   * in milliseconds, which overflowed a long; the wait came back as 2.7 trillion hours, and the
   * engine's {@code Duration.toNanos()} on it threw an {@code ArithmeticException}.
   */
  @Test
  void aRetryAfterWhoseMillisecondsOverflowALongIsClampedToTheLongestWait() {
    assertThat(RateLimits.parseRetryAfter("10002000000001000", NOW)).isEqualTo(RateLimits.MAX_WAIT);
    // Wraps to 384 ms, under the cap, when multiplied by 1000.
    assertThat(RateLimits.parseRetryAfter("18446744073709552", NOW)).isEqualTo(RateLimits.MAX_WAIT);
    assertThat(RateLimits.parseRetryAfter("999999999999999999", NOW))
        .isEqualTo(RateLimits.MAX_WAIT);
    assertThat(
            RateLimits.parse(Headers.builder().add("Retry-After", "10002000000001000").build(), NOW)
                .requestedWait())
        .contains(RateLimits.MAX_WAIT);
  }

  /**
   * Jazzer, in CI: {@code Retry-After: Fri, 27 Nov 642026026 09:00 GMT}, a date in the year
   * 642026026, parsed, and its wait in milliseconds overflowed a long ({@code
   * ArithmeticException}).
   */
  @Test
  void aRetryAfterDateCenturiesAwayIsClampedToTheLongestWait() {
    assertThat(RateLimits.parseRetryAfter("Fri, 27 Nov 642026026 09:00 GMT", NOW))
        .isIn(null, RateLimits.MAX_WAIT);
    assertThat(RateLimits.parseRetryAfter("Mon, 1 Jan -999999999 00:00 GMT", NOW))
        .isIn(null, Duration.ZERO);
    assertThat(
            RateLimits.parse(
                    Headers.builder().add("Retry-After", "Fri, 27 Nov 642026026 09:00 GMT").build(),
                    NOW)
                .retryAfter())
        .isIn(java.util.Optional.empty(), java.util.Optional.of(RateLimits.MAX_WAIT));
  }
}
