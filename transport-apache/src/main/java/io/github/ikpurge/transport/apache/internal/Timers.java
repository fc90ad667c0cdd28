package io.github.ikpurge.transport.apache.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every Apache transport, that fires time limits and interrupt checks.
 * It ends after a few idle seconds, so an application with no call in flight keeps no thread here.
 */
final class Timers {

  private static final ScheduledThreadPoolExecutor TIMER = create();

  private Timers() {}

  static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return TIMER.schedule(task, nanos(delay), TimeUnit.NANOSECONDS);
  }

  static ScheduledFuture<?> every(Runnable task, long periodNanos) {
    return TIMER.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Returns the duration in nanoseconds, or about 292 years when it holds more. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ikpurge-apache-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(5, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }
}
