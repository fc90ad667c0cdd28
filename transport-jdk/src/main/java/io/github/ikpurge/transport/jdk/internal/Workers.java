package io.github.ikpurge.transport.jdk.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker threads of one JDK transport's HttpClient. */
public final class Workers {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private Workers() {}

  /**
   * Returns a fixed pool of daemon threads, twice the processors and at least four, that end after
   * a minute idle.
   *
   * @return the pool
   */
  public static ExecutorService create() {
    int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            size,
            size,
            60,
            TimeUnit.SECONDS,
            new LinkedTransferQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "ikpurge-jdk-" + pool + "-worker-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
