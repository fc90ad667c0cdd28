package io.github.ikpurge;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client polls while it waits for a purge to complete: the first delay, growing by a factor
 * after each poll up to a cap, each varied at random by up to ± the jitter, and the longest wait
 * when a call names none. Immutable.
 *
 * <p>The defaults poll after 1 s, then ×1.5 each time up to 15 s, ±20 %, and give up after 10
 * minutes.
 */
public final class PollPolicy {

  private static final PollPolicy DEFAULTS = builder().build();

  private final Duration initialDelay;
  private final double multiplier;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration maxWait;

  private PollPolicy(Builder builder) {
    this.initialDelay = builder.initialDelay;
    this.multiplier = builder.multiplier;
    this.maxDelay = builder.maxDelay;
    this.jitter = builder.jitter;
    this.maxWait = builder.maxWait;
  }

  /** {@return the default policy} */
  public static PollPolicy defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this policy's values} */
  public Builder toBuilder() {
    return new Builder()
        .initialDelay(initialDelay)
        .multiplier(multiplier)
        .maxDelay(maxDelay)
        .jitter(jitter)
        .maxWait(maxWait);
  }

  /** {@return the delay before the first poll after a purge, and between the first two polls} */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** {@return the factor by which the delay grows after each poll} */
  public double multiplier() {
    return multiplier;
  }

  /** {@return the cap on the delay between polls, before jitter} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** {@return the largest random change of a delay, as a fraction of it (0.2 is ±20 %)} */
  public double jitter() {
    return jitter;
  }

  /** {@return how long a wait lasts when the call names no limit} */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * Returns the n-th nominal delay of a wait, before jitter: {@code min(maxDelay, initialDelay *
   * multiplier^(n-1))}.
   *
   * @param poll 1 for the first delay, 2 for the second, and so on
   * @return the delay
   */
  public Duration nominalDelay(int poll) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, poll - 1));
    return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), millis));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PollPolicy that
        && initialDelay.equals(that.initialDelay)
        && Double.compare(multiplier, that.multiplier) == 0
        && maxDelay.equals(that.maxDelay)
        && Double.compare(jitter, that.jitter) == 0
        && maxWait.equals(that.maxWait);
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialDelay, multiplier, maxDelay, jitter, maxWait);
  }

  @Override
  public String toString() {
    return "PollPolicy{initialDelay="
        + initialDelay.toMillis()
        + "ms, multiplier="
        + multiplier
        + ", maxDelay="
        + maxDelay.toMillis()
        + "ms, jitter="
        + jitter
        + ", maxWait="
        + maxWait.toMillis()
        + "ms}";
  }

  /** Builds a {@link PollPolicy}. Not thread-safe. */
  public static final class Builder {

    /** The longest span a {@link System#nanoTime()} clock counts, about 292 years. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Duration initialDelay = Duration.ofSeconds(1);
    private double multiplier = 1.5;
    private Duration maxDelay = Duration.ofSeconds(15);
    private double jitter = 0.2;
    private Duration maxWait = Duration.ofMinutes(10);

    private Builder() {}

    /**
     * Sets the first delay.
     *
     * @param initialDelay a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = positive(initialDelay, "initialDelay");
      return this;
    }

    /**
     * Sets the growth factor.
     *
     * @param multiplier 1 or more
     * @return this builder
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1 && multiplier <= 10)) {
        throw new IllegalArgumentException("multiplier must be 1 to 10, was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * Sets the cap on the delay.
     *
     * @param maxDelay a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = positive(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Sets the jitter.
     *
     * @param jitter 0 (none) to 0.9
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 0.9)) {
        throw new IllegalArgumentException("jitter must be 0 to 0.9, was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the longest wait when a call names none.
     *
     * @param maxWait a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = positive(maxWait, "maxWait");
      return this;
    }

    /**
     * {@return the policy}
     *
     * @throws IllegalArgumentException if the first delay exceeds the cap
     */
    public PollPolicy build() {
      if (initialDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "initialDelay " + initialDelay + " must not exceed maxDelay " + maxDelay);
      }
      return new PollPolicy(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
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
