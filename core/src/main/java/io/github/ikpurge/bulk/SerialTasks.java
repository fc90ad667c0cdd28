package io.github.ikpurge.bulk;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in the order given, on the threads that give them: a thread that finds
 * the queue idle runs tasks until it is empty; others only enqueue. A run's state is touched only
 * by its tasks, so it needs no lock, and its listener is never called concurrently.
 */
final class SerialTasks {

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Consumer<Throwable> onFailure;

  /** Tasks whose failures go to {@code onFailure}, which runs in their place. */
  SerialTasks(Consumer<Throwable> onFailure) {
    this.onFailure = onFailure;
  }

  void run(Runnable task) {
    tasks.add(task);
    if (pending.getAndIncrement() != 0) {
      return;
    }
    do {
      Runnable next = tasks.poll();
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        onFailure.accept(e);
      }
    } while (pending.decrementAndGet() != 0);
  }
}
