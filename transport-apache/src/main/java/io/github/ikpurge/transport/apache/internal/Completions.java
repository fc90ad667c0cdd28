package io.github.ikpurge.transport.apache.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads, shared by every Apache transport, that complete async futures off
 * HttpClient's I/O threads. Threads are reused and end after a minute idle, so their number follows
 * the completions running at once, not the calls made. (CompletableFuture's default executor starts
 * a thread per task on machines with fewer than three cores.)
 */
final class Completions {

  private static final AtomicInteger THREADS = new AtomicInteger();

  static final Executor EXECUTOR =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread thread =
                new Thread(task, "ikpurge-apache-completion-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private Completions() {}
}
