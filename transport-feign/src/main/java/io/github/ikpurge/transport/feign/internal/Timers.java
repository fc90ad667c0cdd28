package io.github.ikpurge.transport.feign.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every Feign transport shares: short-lived helpers that abort exchanges. All are
 * daemons, so a forgotten transport never keeps the JVM alive.
 */
final class Timers {

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
}
