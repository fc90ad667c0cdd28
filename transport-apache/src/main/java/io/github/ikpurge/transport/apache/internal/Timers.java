package io.github.ikpurge.transport.apache.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every Apache transport, that aborts exchanges whose time ran out or
 * whose caller was interrupted: closing a socket must not hold up the SDK's shared deadline timer.
 * It ends after a few idle seconds, so an application with no abort under way keeps no thread here.
 */
final class Timers {

  private static final ThreadPoolExecutor ABORTS = create();

  private Timers() {}

  /** Runs an abort on the abort thread. */
  static void abort(Runnable task) {
    ABORTS.execute(task);
  }

  /** Returns the duration in nanoseconds, or about 292 years when it holds more. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static ThreadPoolExecutor create() {
    ThreadPoolExecutor aborts =
        new ThreadPoolExecutor(
            1,
            1,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "ikpurge-apache-aborts");
              thread.setDaemon(true);
              return thread;
            });
    aborts.allowCoreThreadTimeOut(true);
    return aborts;
  }
}
