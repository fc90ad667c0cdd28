package io.github.ikpurge.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rate-limit state a 429 response reported: {@code X-RateLimit-Limit}, {@code
 * X-RateLimit-Reset} (milliseconds to wait), {@code X-RateLimit-Interval} (window length in
 * milliseconds) and {@code Retry-After}. Each part is absent when the server did not send it or
 * sent something unreadable. Immutable.
 */
public final class RateLimit {

  private static final RateLimit NONE = new RateLimit(-1, null, null, null);

  private final long limit;
  private final Duration reset;
  private final Duration interval;
  private final Duration retryAfter;

  private RateLimit(long limit, Duration reset, Duration interval, Duration retryAfter) {
    this.limit = limit;
    this.reset = reset;
    this.interval = interval;
    this.retryAfter = retryAfter;
  }

  /** {@return a rate limit with no part known} */
  public static RateLimit none() {
    return NONE;
  }

  /**
   * Returns a rate limit.
   *
   * @param limit requests allowed per interval, or a negative number when unknown
   * @param reset how long to wait before the next request, or null when unknown
   * @param interval the window length, or null when unknown
   * @param retryAfter the {@code Retry-After} wait, or null when not sent
   * @return the rate limit
   * @throws IllegalArgumentException if a duration is negative
   */
  public static RateLimit of(long limit, Duration reset, Duration interval, Duration retryAfter) {
    checkNotNegative(reset, "reset");
    checkNotNegative(interval, "interval");
    checkNotNegative(retryAfter, "retryAfter");
    return new RateLimit(Math.max(limit, -1), reset, interval, retryAfter);
  }

  /** {@return the number of requests allowed per interval} */
  public OptionalLong limit() {
    return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /** {@return how long the server asked to wait before the next request} */
  public Optional<Duration> reset() {
    return Optional.ofNullable(reset);
  }

  /** {@return the length of the rate-limit window} */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  /** {@return the {@code Retry-After} wait} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@return the longest wait the server asked for, by reset or {@code Retry-After}} */
  public Optional<Duration> requestedWait() {
    if (reset == null) {
      return retryAfter();
    }
    if (retryAfter == null) {
      return reset();
    }
    return Optional.of(reset.compareTo(retryAfter) >= 0 ? reset : retryAfter);
  }

  private static void checkNotNegative(Duration duration, String name) {
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RateLimit that
        && limit == that.limit
        && Objects.equals(reset, that.reset)
        && Objects.equals(interval, that.interval)
        && Objects.equals(retryAfter, that.retryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, reset, interval, retryAfter);
  }

  @Override
  public String toString() {
    return "RateLimit{limit="
        + (limit < 0 ? "?" : limit)
        + ", reset="
        + (reset == null ? "?" : reset.toMillis() + "ms")
        + ", interval="
        + (interval == null ? "?" : interval.toMillis() + "ms")
        + ", retryAfter="
        + (retryAfter == null ? "?" : retryAfter.toMillis() + "ms")
        + '}';
  }
}
