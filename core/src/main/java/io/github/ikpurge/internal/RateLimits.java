package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.RateLimit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads the rate-limit headers of a response; never throws on bad values, it ignores them. A wait
 * longer than {@link #MAX_WAIT} (a server asking for hours, years or an overflowing number) is kept
 * as {@link #MAX_WAIT}: the client still learns that the server asked it to wait, and for longer
 * than any call would.
 */
final class RateLimits {

  static final String LIMIT = "X-RateLimit-Limit";
  static final String RESET = "X-RateLimit-Reset";
  static final String INTERVAL = "X-RateLimit-Interval";
  static final String RETRY_AFTER = "Retry-After";

  /** The longest wait kept; longer ones are clamped to it, so later arithmetic cannot overflow. */
  static final Duration MAX_WAIT = Duration.ofDays(365);

  private RateLimits() {}

  static RateLimit parse(Headers headers, Instant now) {
    long limit = parseCount(headers.firstValue(LIMIT).orElse(null));
    Duration reset = parseWait(headers.firstValue(RESET).orElse(null), 1);
    Duration interval = parseWait(headers.firstValue(INTERVAL).orElse(null), 1);
    Duration retryAfter = parseRetryAfter(headers.firstValue(RETRY_AFTER).orElse(null), now);
    return RateLimit.of(limit, reset, interval, retryAfter);
  }

  /** Returns a non-negative whole number of at most 18 digits, or -1 when absent or unreadable. */
  static long parseCount(String value) {
    if (value == null) {
      return -1;
    }
    String text = value.strip();
    if (text.isEmpty() || text.length() > 18 || !digits(text)) {
      return -1;
    }
    return Long.parseLong(text);
  }

  /** Reads {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null) {
      return null;
    }
    Duration seconds = parseWait(value, 1000);
    if (seconds != null) {
      return seconds;
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
      return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /**
   * Reads a whole number of units of {@code unitMillis} as a wait, clamped to {@link #MAX_WAIT};
   * null when absent or not a number.
   */
  private static Duration parseWait(String value, long unitMillis) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    if (text.isEmpty() || !digits(text)) {
      return null;
    }
    long maxUnits = MAX_WAIT.toMillis() / unitMillis;
    // Any number of more digits than the cap has is over it, however many digits it has.
    if (text.length() > Long.toString(maxUnits).length()) {
      return MAX_WAIT;
    }
    long units = Long.parseLong(text);
    return units > maxUnits ? MAX_WAIT : Duration.ofMillis(units * unitMillis);
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
