package io.github.ikpurge.transport.apache.internal;

import java.time.Duration;

/** Time arithmetic for the transport's limits. */
final class Timers {

  private Timers() {}

  /** Returns the duration in nanoseconds, or about 292 years when it holds more. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
