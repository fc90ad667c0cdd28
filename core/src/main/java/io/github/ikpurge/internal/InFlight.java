package io.github.ikpurge.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * What a non-blocking call has under way, cancelled once its result completes: the next step on the
 * scheduler, and the exchange or call it is waiting for. The two have a slot each because they are
 * set from different threads: a step the scheduler ran at once may set its exchange before the
 * thread that scheduled it records the step, and one slot would then lose the exchange.
 */
final class InFlight {

  private final CompletableFuture<?> result;
  private volatile Future<?> step;
  private volatile Future<?> exchange;

  /** Cancels what is under way once {@code result} completes, however it completes. */
  InFlight(CompletableFuture<?> result) {
    this.result = result;
    result.whenComplete(
        (value, error) -> {
          cancel(step, false);
          cancel(exchange, true);
        });
  }

  /**
   * Records the next step on the scheduler; cancels it if the result completed meanwhile. A step
   * that has started is left to run (not interrupted: the scheduler's thread is shared), and finds
   * the result complete.
   */
  void step(Future<?> next) {
    step = next;
    if (result.isDone()) {
      next.cancel(false);
    }
  }

  /** Records the exchange or call now under way; cancels it if the result completed meanwhile. */
  void exchange(Future<?> current) {
    exchange = current;
    if (result.isDone()) {
      current.cancel(true);
    }
  }

  private static void cancel(Future<?> future, boolean interrupt) {
    if (future != null) {
      future.cancel(interrupt);
    }
  }
}
