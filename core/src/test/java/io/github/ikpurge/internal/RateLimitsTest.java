package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

  @Test
  void readsTheImageKitHeadersAsCountAndMilliseconds() {
    Headers headers =
        Headers.builder()
            .add("x-ratelimit-limit", "100")
            .add("X-RateLimit-Reset", "1500")
            .add("X-RATELIMIT-INTERVAL", "60000")
            .build();

    RateLimit limit = RateLimits.parse(headers, NOW);

    assertThat(limit.limit()).hasValue(100);
    assertThat(limit.reset()).contains(Duration.ofMillis(1500));
    assertThat(limit.interval()).contains(Duration.ofMinutes(1));
    assertThat(limit.retryAfter()).isEmpty();
    assertThat(limit.requestedWait()).contains(Duration.ofMillis(1500));
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    assertThat(RateLimits.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RateLimits.parseRetryAfter("Fri, 27 Nov 2026 09:00:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RateLimits.parseRetryAfter("Fri, 27 Nov 2026 08:00:00 GMT", NOW))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void theLongerOfResetAndRetryAfterIsTheRequestedWait() {
    Headers headers =
        Headers.builder().add("X-RateLimit-Reset", "1000").add("Retry-After", "3").build();

    assertThat(RateLimits.parse(headers, NOW).requestedWait()).contains(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-1", "1.5", "abc", "1e3", "0x10", "\u0661"})
  void ignoresValuesItCannotRead(String value) {
    Headers headers =
        Headers.builder()
            .add("X-RateLimit-Limit", value)
            .add("X-RateLimit-Reset", value)
            .add("X-RateLimit-Interval", value)
            .add("Retry-After", value)
            .build();

    assertThat(RateLimits.parse(headers, NOW)).isEqualTo(RateLimit.none());
  }

  @Test
  void readsCountsOfUpTo18DigitsAndNoMore() {
    assertThat(RateLimits.parseCount(null)).isEqualTo(-1);
    assertThat(RateLimits.parseCount(" 0 ")).isZero();
    assertThat(RateLimits.parseCount("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    assertThat(RateLimits.parseCount("1000000000000000000")).isEqualTo(-1);
  }

  @Test
  void aResetInMillisecondsIsReadExactlyUpToAYear() {
    assertThat(reset("10000000000")).contains(Duration.ofMillis(10_000_000_000L));
    assertThat(reset("31536000000")).contains(Duration.ofDays(365));
    assertThat(reset("31536000001")).contains(Duration.ofDays(365));
    assertThat(reset("100000000000")).contains(Duration.ofDays(365));
  }

  private static Optional<Duration> reset(String value) {
    return RateLimits.parse(Headers.builder().add("X-RateLimit-Reset", value).build(), NOW).reset();
  }

  @Test
  void readsAnHttpDateOfUpTo64CharactersPaddingIncluded() {
    String date = "Fri, 27 Nov 2026 09:00:30 GMT";
    String padded = date + " ".repeat(64 - date.length());

    assertThat(RateLimits.parseRetryAfter(padded, NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RateLimits.parseRetryAfter(padded + " ", NOW)).isNull();
  }

  @Test
  void clampsWaitsLongerThanAYearToAYearInsteadOfDroppingThem() {
    assertThat(RateLimits.parseRetryAfter("31536000", NOW)).isEqualTo(Duration.ofDays(365));
    assertThat(RateLimits.parseRetryAfter("31536001", NOW)).isEqualTo(Duration.ofDays(365));
    assertThat(RateLimits.parseRetryAfter("31535999", NOW))
        .isEqualTo(Duration.ofDays(365).minusSeconds(1));
    assertThat(RateLimits.parseRetryAfter("99999999999999999999", NOW))
        .isEqualTo(Duration.ofDays(365));
    assertThat(RateLimits.parseRetryAfter("Mon, 27 Nov 3026 09:00:00 GMT", NOW))
        .isEqualTo(Duration.ofDays(365));
    assertThat(
            RateLimits.parse(
                    Headers.builder().add("X-RateLimit-Reset", "99999999999999999999").build(), NOW)
                .reset())
        .contains(Duration.ofDays(365));
    assertThat(
            RateLimits.parse(Headers.builder().add("X-RateLimit-Reset", "86400001").build(), NOW)
                .reset())
        .contains(Duration.ofMillis(86_400_001));
  }
}
