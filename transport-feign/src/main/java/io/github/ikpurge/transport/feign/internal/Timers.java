package io.github.ikpurge.transport.feign.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every Feign transport shares, besides the SDK's coarse deadline timer: one watchdog
 * that notices interrupted callers, and short-lived helpers that abort exchanges. All are daemons,
 * so a forgotten transport never keeps the JVM alive.
 */
final class Timers {

  /** How often blocked callers are checked for an interrupt: socket reads ignore interrupts. */
  private static final long SCAN_MILLIS = 25;

  /** The blocked callers to check, with what to do when one is interrupted. */
  private static final Map<Thread, Runnable> CALLERS = new ConcurrentHashMap<>();

  /** Checks the callers; one task for all of them, so watching a call costs no thread wake-up. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  /**
   * Runs aborts, which may block: closing an HttpURLConnection's body waits for a read in progress.
   * A thread lives only while an aborted exchange has not ended, then idles out after 10 s.
   */
  static final ExecutorService ABORTS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          10,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          daemons("ikpurge-feign-abort-"));

  private Timers() {}

  /**
   * Runs {@code onInterrupt} once {@code caller} is interrupted, checked every {@value
   * #SCAN_MILLIS} ms, until the returned action stops the watch.
   *
   * @param caller a thread blocked in an exchange
   * @param onInterrupt what to do when it is interrupted
   * @return stops the watch
   */
  static Runnable watchInterrupts(Thread caller, Runnable onInterrupt) {
    CALLERS.put(caller, onInterrupt);
    return () -> CALLERS.remove(caller, onInterrupt);
  }

  private static void scanCallers() {
    CALLERS.forEach(
        (caller, onInterrupt) -> {
          if (caller.isInterrupted() && CALLERS.remove(caller, onInterrupt)) {
            onInterrupt.run();
          }
        });
  }

  /**
   * Returns a factory of daemon threads named with a prefix and a counter.
   *
   * @param prefix the name prefix, such as {@code ikpurge-feign-exchange-}
   * @return the factory
   */
  static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ikpurge-feign-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        Timers::scanCallers, SCAN_MILLIS, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    return timer;
  }
}
