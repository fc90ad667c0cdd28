package io.github.ikpurge.internal;

import java.time.Duration;

/** Spans of time as the engine counts them: nanoseconds on the {@link System#nanoTime()} clock. */
final class Nanos {

  /**
   * The longest span counted, about 146 years: half the clock's range, so that a deadline this far
   * off still compares right with any reading by their difference, and one more nanosecond still
   * fits in a {@code long}.
   */
  static final long MAX = Long.MAX_VALUE / 2;

  private static final Duration MAX_DURATION = Duration.ofNanos(MAX);

  /**
   * The longest span a user may set, about 292 years: what a {@code long} of nanoseconds holds, so
   * that a setting never overflows where it is shown or counted.
   */
  static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private Nanos() {}

  /**
   * Returns a duration in nanoseconds, held to {@link #MAX}: a user's "forever" ({@code
   * ChronoUnit.FOREVER.getDuration()}) is more than a {@code long} of nanoseconds holds.
   */
  static long of(Duration duration) {
    return duration.compareTo(MAX_DURATION) >= 0 ? MAX : duration.toNanos();
  }
}
