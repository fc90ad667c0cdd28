package io.github.ikpurge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration MINUS = Duration.ofMillis(-1);

  @Test
  void refusesANegativeWaitNamingIt() {
    assertThatThrownBy(() -> RateLimit.of(1, MINUS, null, null))
        .hasMessage("reset must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> RateLimit.of(1, null, MINUS, null))
        .hasMessage("interval must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> RateLimit.of(1, null, null, MINUS))
        .hasMessage("retryAfter must not be negative, was PT-0.001S");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, -2, Long.MIN_VALUE})
  void aNegativeLimitIsUnknown(long limit) {
    assertThat(RateLimit.of(limit, null, null, null).limit()).isEmpty();
    assertThat(RateLimit.of(limit, null, null, null)).isEqualTo(RateLimit.none());
  }

  @Test
  void aLimitOfZeroIsKnown() {
    assertThat(RateLimit.of(0, null, null, null).limit()).hasValue(0);
  }

  @Test
  void theRequestedWaitIsTheLongerOfResetAndRetryAfter() {
    Duration two = Duration.ofSeconds(2);

    assertThat(RateLimit.of(-1, SECOND, null, two).requestedWait()).contains(two);
    assertThat(RateLimit.of(-1, two, null, SECOND).requestedWait()).contains(two);
    assertThat(RateLimit.of(-1, null, null, SECOND).requestedWait()).contains(SECOND);
    assertThat(RateLimit.of(-1, SECOND, null, null).requestedWait()).contains(SECOND);
    assertThat(RateLimit.none().requestedWait()).isEmpty();
  }

  @Test
  void isAValueThatShowsWhatIsKnown() {
    RateLimit limit = RateLimit.of(10, SECOND, Duration.ofMinutes(1), Duration.ofSeconds(3));

    assertThat(limit)
        .isEqualTo(RateLimit.of(10, SECOND, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        .hasSameHashCodeAs(RateLimit.of(10, SECOND, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        .isNotEqualTo(RateLimit.of(11, SECOND, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        // Hashed by its fields, so that distinct limits spread in hash-based collections.
        .doesNotHaveSameHashCodeAs(
            RateLimit.of(11, SECOND, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        .isNotEqualTo(RateLimit.of(10, null, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        .isNotEqualTo(RateLimit.of(10, SECOND, null, Duration.ofSeconds(3)))
        .isNotEqualTo(RateLimit.of(10, SECOND, Duration.ofMinutes(1), null))
        .isNotEqualTo("RateLimit")
        .hasToString("RateLimit{limit=10, reset=1000ms, interval=60000ms, retryAfter=3000ms}");
    assertThat(RateLimit.of(0, null, null, null))
        .hasToString("RateLimit{limit=0, reset=?, interval=?, retryAfter=?}");
    assertThat(RateLimit.none())
        .hasToString("RateLimit{limit=?, reset=?, interval=?, retryAfter=?}");
  }
}
