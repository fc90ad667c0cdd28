package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.RateLimit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads the rate-limit headers of a response; never throws on bad values, it ignores them. */
final class RateLimits {

  static final String LIMIT = "X-RateLimit-Limit";
  static final String RESET = "X-RateLimit-Reset";
  static final String INTERVAL = "X-RateLimit-Interval";
  static final String RETRY_AFTER = "Retry-After";

  /** Longer than any wait a server could sensibly ask; bigger values are ignored. */
  private static final long MAX_MILLIS = Duration.ofDays(1).toMillis();

  private RateLimits() {}

  static RateLimit parse(Headers headers, Instant now) {
    long limit = parseCount(headers.firstValue(LIMIT).orElse(null));
    Duration reset = millis(parseCount(headers.firstValue(RESET).orElse(null)));
    Duration interval = millis(parseCount(headers.firstValue(INTERVAL).orElse(null)));
    Duration retryAfter = parseRetryAfter(headers.firstValue(RETRY_AFTER).orElse(null), now);
    return RateLimit.of(limit, reset, interval, retryAfter);
  }

  /** Returns a non-negative whole number, or -1 when absent or unreadable. */
  static long parseCount(String value) {
    if (value == null) {
      return -1;
    }
    String text = value.strip();
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    long result = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  /** Reads {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null) {
      return null;
    }
    long seconds = parseCount(value);
    if (seconds >= 0) {
      // Compared in seconds: in milliseconds, 18 digits of seconds overflow a long.
      return seconds > MAX_MILLIS / 1000 ? null : Duration.ofSeconds(seconds);
    }
    if (value.length() > 64) {
      return null;
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      if (wait.isNegative()) {
        return Duration.ZERO;
      }
      // Compared as durations: a date centuries away overflows a long of milliseconds.
      return wait.compareTo(Duration.ofMillis(MAX_MILLIS)) > 0 ? null : wait;
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static Duration millis(long value) {
    return value < 0 || value > MAX_MILLIS ? null : Duration.ofMillis(value);
  }
}
