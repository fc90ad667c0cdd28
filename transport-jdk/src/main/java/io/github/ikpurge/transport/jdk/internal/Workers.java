package io.github.ikpurge.transport.jdk.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker threads of one JDK transport's HttpClient. */
public final class Workers {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private Workers() {}

  /**
   * Returns a pool of daemon threads, twice the processors and at least four. A fork-join pool in
   * FIFO mode hands tasks over with less latency than a queue its idle workers park on.
   *
   * @return the pool
   */
  public static ExecutorService create() {
    int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return new ForkJoinPool(
        size,
        forkJoinPool -> {
          ForkJoinWorkerThread thread =
              ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
          thread.setName("ikpurge-jdk-" + pool + "-worker-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        null,
        true);
  }
}
