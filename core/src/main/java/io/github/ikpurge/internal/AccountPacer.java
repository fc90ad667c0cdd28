package io.github.ikpurge.internal;

import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.spi.RateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The built-in {@link RateLimiter}: one per account (key and base URI) in the JVM, shared by its
 * clients. Requests are spaced evenly at the slower of the given limit and the one learned from a
 * 429, less {@link #HEADROOM}; a 429 holds every sender until its reset has passed, each released
 * with its own jitter. Without a limit and outside a hold it costs two volatile reads.
 */
final class AccountPacer implements RateLimiter {

  /**
   * The share of a learned limit used: a window counted by the server starts when its first request
   * arrives, so requests spaced at exactly the limit would meet a 429 whenever one is delayed on
   * the way and the next is not.
   */
  static final double HEADROOM = 0.98;

  /**
   * The longest a 429 holds the other senders. A server that asks for hours (or a broken one that
   * asks for years) fails the call that was told so, at once; the rest of the account's calls try
   * again after this, and are held again if the server still refuses them.
   */
  static final long MAX_HOLD_NANOS = Duration.ofMinutes(1).toNanos();

  /** The longest jitter added to the end of a hold. */
  static final long MAX_HOLD_JITTER_NANOS = Duration.ofSeconds(1).toNanos();

  private final LongSupplier clock;
  private final LongUnaryOperator jitter;

  // Written under the lock, read without it on the fast path.
  private volatile long givenSpacing;
  private volatile long learnedSpacing;
  private volatile boolean holding;
  // Guarded by this.
  private long holdUntil;
  private long holdJitter;
  private long next;

  /**
   * A pacer on {@code clock} (a {@link System#nanoTime()}-like reading) with {@code jitter} picking
   * a value from zero to the bound it is given, both included.
   */
  AccountPacer(LongSupplier clock, LongUnaryOperator jitter) {
    this.clock = clock;
    this.jitter = jitter;
    // From the clock, not zero: a nanoTime reading may be negative.
    this.next = clock.getAsLong();
  }

  /**
   * Caps this account's rate at {@code requests} per {@code interval}; the latest cap given, by any
   * client of the account, holds.
   */
  synchronized void limitTo(long requests, Duration interval) {
    givenSpacing = spacing(requests, interval, HEADROOM);
  }

  @Override
  public Duration reserve(Duration maxWait) {
    long spacing = Math.max(givenSpacing, learnedSpacing);
    if (spacing == 0 && !holding) {
      return Duration.ZERO;
    }
    long limit = Nanos.of(maxWait);
    long wait;
    synchronized (this) {
      long now = clock.getAsLong();
      long at = now;
      if (holding) {
        if (holdUntil - now > 0) {
          at = holdUntil + jitter.applyAsLong(holdJitter);
        } else {
          holding = false;
        }
      }
      if (spacing > 0 && next - at > 0) {
        at = next;
      }
      wait = at - now;
      if (wait > limit) {
        // Not taken: the caller's deadline comes first, and an unused slot would hold up the rest.
        return Duration.ofNanos(wait);
      }
      if (spacing > 0) {
        next = at + spacing;
      }
    }
    return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
  }

  @Override
  public synchronized void rateLimited(RateLimit limit) {
    OptionalLong requests = limit.limit();
    Optional<Duration> interval = limit.interval();
    if (requests.isPresent() && interval.isPresent()) {
      long spacing = spacing(requests.getAsLong(), interval.get(), HEADROOM);
      // A limit of less than one request a minute is no account's: a broken header, not learned.
      if (spacing <= MAX_HOLD_NANOS) {
        learnedSpacing = spacing;
      }
    }
    Optional<Duration> wait = limit.requestedWait();
    if (wait.isPresent()) {
      long now = clock.getAsLong();
      long waitNanos = Math.min(Nanos.of(wait.get()), MAX_HOLD_NANOS);
      long until = now + waitNanos;
      if (!holding || until - holdUntil > 0) {
        holdUntil = until;
        holdJitter = Math.min(MAX_HOLD_JITTER_NANOS, Math.max(waitNanos / 10, 1));
        holding = true;
      }
    }
  }

  /** Returns the nanoseconds between requests at {@code share} of the rate, 0 for no limit. */
  private static long spacing(long requests, Duration interval, double share) {
    if (requests <= 0 || interval.isZero() || interval.isNegative()) {
      return 0;
    }
    double nanos = Nanos.of(interval) / (requests * share);
    return nanos >= Nanos.MAX ? Nanos.MAX : (long) Math.ceil(nanos);
  }

  @Override
  public String toString() {
    return "AccountPacer[spacing="
        + Math.max(givenSpacing, learnedSpacing) / 1000
        + "us, holding="
        + holding
        + ']';
  }
}
