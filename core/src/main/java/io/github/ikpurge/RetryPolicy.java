package io.github.ikpurge;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client repeats a failed attempt: at most {@link #maxAttempts()}
 * attempts in all, waiting a random time between zero and {@code min(maxDelay, baseDelay *
 * 2^(n-1))} after the n-th (full-jitter exponential backoff). Immutable.
 *
 * <p>What is retried is fixed by the client, not by this policy: a status query on 408, 429, 500,
 * 502, 503, 504, I/O failures and attempt timeouts; a purge, which spends quota, only where it was
 * surely not processed (429 and refused connections). A 429 waits what the server asked for when
 * that fits in the call's deadline.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
  }

  /** {@return the default policy: 3 attempts, base delay 200 ms, delays capped at 8 s} */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** {@return a policy that never retries} */
  public static RetryPolicy none() {
    return NONE;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this policy's values} */
  public Builder toBuilder() {
    return new Builder().maxAttempts(maxAttempts).baseDelay(baseDelay).maxDelay(maxDelay);
  }

  /** {@return the most attempts a call makes, the first included} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the delay bound after the first attempt} */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** {@return the cap on any delay between attempts} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Returns the most the client waits after the given attempt fails: {@code min(maxDelay, baseDelay
   * * 2^(attempt-1))}, computed so that it never overflows. The wait itself is drawn at random from
   * zero to this bound.
   *
   * @param attempt the attempt that failed, from 1
   * @return the bound of the wait before the next attempt
   * @throws IllegalArgumentException if {@code attempt} is less than 1
   */
  public Duration maxDelayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    // Past 2^30 every cap a Duration can hold is reached long before; it also keeps the shift sane.
    long factor = 1L << Math.min(attempt - 1, 30);
    return baseDelay.compareTo(maxDelay.dividedBy(factor)) > 0
        ? maxDelay
        : baseDelay.multipliedBy(factor);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryPolicy that
        && maxAttempts == that.maxAttempts
        && baseDelay.equals(that.baseDelay)
        && maxDelay.equals(that.maxDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", baseDelay="
        + baseDelay.toMillis()
        + "ms, maxDelay="
        + maxDelay.toMillis()
        + "ms}";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {

    /** The longest span a {@link System#nanoTime()} clock counts, about 292 years. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(8);

    private Builder() {}

    /**
     * Sets the most attempts a call makes; 1 turns retries off.
     *
     * @param maxAttempts 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 100, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the delay bound after the first attempt.
     *
     * @param baseDelay zero or more, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     * @throws IllegalArgumentException if negative or longer than that
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = notNegative(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Sets the cap on any delay between attempts.
     *
     * @param maxDelay zero or more, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     * @throws IllegalArgumentException if negative or longer than that
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = notNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * {@return the policy}
     *
     * @throws IllegalArgumentException if the base delay exceeds the cap
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "baseDelay " + baseDelay + " must not exceed maxDelay " + maxDelay);
      }
      return new RetryPolicy(this);
    }

    private static Duration notNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + duration);
      }
      if (duration.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException(
            name
                + " must be at most "
                + LONGEST
                + " (what a clock of nanoseconds counts), was "
                + duration);
      }
      return duration;
    }
  }
}
