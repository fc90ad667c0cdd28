package io.github.ikpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  @ParameterizedTest(name = "base {0} ns, cap {1} ns: after attempt {2} at most {3} ns")
  @CsvSource({
    "100000000, 1000000000, 1, 100000000",
    "100000000, 1000000000, 2, 200000000",
    "100000000, 1000000000, 3, 400000000",
    "100000000, 1000000000, 4, 800000000",
    "100000000, 1000000000, 5, 1000000000",
    "100000000, 1000000000, 40, 1000000000",
    "1000000000, 1000000000, 1, 1000000000",
    "1000000, 1000000000, 2, 2000000",
    // base * 2^3 = 1000 is under the cap of 1001, though the base equals the cap / 2^3.
    "125, 1001, 4, 1000",
    // 2^40 ns doubled 30 times overflows a long; the cap's low bits make a wrong shift look small.
    "1099511627776, 2203318222848, 31, 2203318222848",
    "0, 1000, 5, 0"
  })
  void theBoundDoublesFromTheBaseDelayUpToTheCap(
      long baseNanos, long capNanos, int attempt, long boundNanos) {
    RetryPolicy policy =
        RetryPolicy.builder()
            .baseDelay(Duration.ofNanos(baseNanos))
            .maxDelay(Duration.ofNanos(capNanos))
            .build();

    assertThat(policy.maxDelayAfter(attempt)).isEqualTo(Duration.ofNanos(boundNanos));
  }

  @Test
  void theBoundDoublesAtMostThirtyTimesAndStaysAtTheCapInsteadOfOverflowing() {
    Duration longest = Duration.ofNanos(Long.MAX_VALUE);
    RetryPolicy policy =
        RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(longest).build();

    assertThat(policy.maxDelayAfter(31)).isEqualTo(Duration.ofMillis(1L << 30));
    assertThat(policy.maxDelayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1L << 30));
    // 2^40 ns doubled 30 times is 2^70 ns, past what the cap (and a long) holds.
    assertThat(policy.toBuilder().baseDelay(Duration.ofNanos(1L << 40)).build().maxDelayAfter(31))
        .isEqualTo(longest);
  }

  @Test
  void thereIsNoAttemptZero() {
    assertThatThrownBy(() -> RetryPolicy.defaults().maxDelayAfter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be at least 1, was 0");
  }
}
