package io.github.ikpurge.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random mix of {@link Fault}s: each request the simulator answers on its own (not from a
 * script) meets a fault with the given probability, picked evenly from the set. The same seed gives
 * the same sequence of decisions. Immutable; the simulator keeps the random state.
 */
public final class FaultMix {

  private final long seed;
  private final double probability;
  private final List<Fault> faults;
  private final Duration slowDelay;
  private final int oversizedBytes;
  private final Duration rateLimitReset;

  private FaultMix(Builder builder) {
    this.seed = builder.seed;
    this.probability = builder.probability;
    this.faults = List.copyOf(builder.faults);
    this.slowDelay = builder.slowDelay;
    this.oversizedBytes = builder.oversizedBytes;
    this.rateLimitReset = builder.rateLimitReset;
  }

  /** {@return a builder: seed 0, probability 0.1, every fault, slow delay 1 s, 2 MiB oversized} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the seed} */
  public long seed() {
    return seed;
  }

  /** {@return the probability that a request meets a fault} */
  public double probability() {
    return probability;
  }

  /** {@return the faults picked from} */
  public List<Fault> faults() {
    return faults;
  }

  /** {@return how long the slow faults hold the answer} */
  public Duration slowDelay() {
    return slowDelay;
  }

  /** {@return the body length of {@link Fault#OVERSIZED_BODY}} */
  public int oversizedBytes() {
    return oversizedBytes;
  }

  /** {@return the wait {@link Fault#RATE_LIMITED} asks for in {@code X-RateLimit-Reset}} */
  public Duration rateLimitReset() {
    return rateLimitReset;
  }

  SplittableRandom newRandom() {
    return new SplittableRandom(seed);
  }

  @Override
  public String toString() {
    return "FaultMix{seed="
        + seed
        + ", probability="
        + probability
        + ", faults="
        + faults
        + ", slowDelay="
        + slowDelay.toMillis()
        + "ms, oversizedBytes="
        + oversizedBytes
        + '}';
  }

  /** Builds a {@link FaultMix}. Not thread-safe. */
  public static final class Builder {

    private long seed;
    private double probability = 0.1;
    private Set<Fault> faults = EnumSet.allOf(Fault.class);
    private Duration slowDelay = Duration.ofSeconds(1);
    private int oversizedBytes = 2 << 20;
    private Duration rateLimitReset = Duration.ofMillis(100);

    private Builder() {}

    /**
     * Sets the seed of the random decisions.
     *
     * @param seed any number
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the probability that a request meets a fault.
     *
     * @param probability 0 to 1
     * @return this builder
     */
    public Builder probability(double probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be 0 to 1, was " + probability);
      }
      this.probability = probability;
      return this;
    }

    /**
     * Sets the faults to pick from.
     *
     * @param first a fault
     * @param more more faults
     * @return this builder
     */
    public Builder faults(Fault first, Fault... more) {
      this.faults = EnumSet.of(Objects.requireNonNull(first, "first"), more);
      return this;
    }

    /**
     * Sets the faults to pick from.
     *
     * @param faults at least one fault
     * @return this builder
     */
    public Builder faults(Set<Fault> faults) {
      if (faults.isEmpty()) {
        throw new IllegalArgumentException("faults must not be empty");
      }
      this.faults = EnumSet.copyOf(faults);
      return this;
    }

    /**
     * Sets how long the slow faults hold the answer.
     *
     * @param slowDelay zero or more
     * @return this builder
     */
    public Builder slowDelay(Duration slowDelay) {
      Objects.requireNonNull(slowDelay, "slowDelay");
      if (slowDelay.isNegative()) {
        throw new IllegalArgumentException("slowDelay must not be negative, was " + slowDelay);
      }
      this.slowDelay = slowDelay;
      return this;
    }

    /**
     * Sets the body length of {@link Fault#OVERSIZED_BODY}.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder oversizedBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("bytes must be at least 1, was " + bytes);
      }
      this.oversizedBytes = bytes;
      return this;
    }

    /**
     * Sets the wait {@link Fault#RATE_LIMITED} asks for.
     *
     * @param reset zero or more
     * @return this builder
     */
    public Builder rateLimitReset(Duration reset) {
      Objects.requireNonNull(reset, "reset");
      if (reset.isNegative()) {
        throw new IllegalArgumentException("reset must not be negative, was " + reset);
      }
      this.rateLimitReset = reset;
      return this;
    }

    /** {@return the mix} */
    public FaultMix build() {
      return new FaultMix(this);
    }
  }
}
