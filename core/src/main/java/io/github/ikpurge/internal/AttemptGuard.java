package io.github.ikpurge.internal;

import io.github.ikpurge.spi.HttpTransport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts a blocking attempt's exchange when its deadline passes or its caller is interrupted,
 * whichever comes first, and afterwards tells which it was. The one place that handles an abort
 * that interrupts the caller's thread ({@link HttpTransport.Exchange}): {@link #end()} waits for
 * the abort to return, then clears the interrupt it may have caused, and only that one.
 *
 * <p>An interrupt from the caller's own code that lands between the timer's check and the end of
 * the abort cannot be told from the abort's; it is then cleared, and the attempt ends as timed out.
 */
final class AttemptGuard {

  /** No abort: the exchange ended by itself. */
  static final int ENDED = 0;

  /** Aborted at the deadline. */
  static final int TIMED_OUT = 1;

  /** Aborted because the caller's thread was interrupted; the interrupt is left set. */
  static final int INTERRUPTED = 2;

  private static final int RUNNING = 3;
  private static final int ABORTING = 4;

  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private volatile boolean interruptedBefore;
  private final Deadlines.Deadline watch;

  private AttemptGuard(HttpTransport.Exchange exchange, long deadlineNanos) {
    Thread caller = Thread.currentThread();
    this.watch =
        Deadlines.watch(
            caller,
            deadlineNanos,
            () -> abort(exchange, caller, TIMED_OUT),
            () -> abort(exchange, caller, INTERRUPTED));
  }

  /** Guards an exchange the calling thread is about to run, until {@code deadlineNanos}. */
  static AttemptGuard arm(HttpTransport.Exchange exchange, long deadlineNanos) {
    return new AttemptGuard(exchange, deadlineNanos);
  }

  private void abort(HttpTransport.Exchange exchange, Thread caller, int reason) {
    if (!state.compareAndSet(RUNNING, ABORTING)) {
      return;
    }
    interruptedBefore = caller.isInterrupted();
    try {
      exchange.abort();
    } finally {
      state.set(reason);
    }
  }

  /**
   * Ends the guard once the exchange's {@code call()} has returned or thrown, on the thread that
   * ran it; clears an interrupt the abort caused.
   *
   * @return {@link #ENDED}, {@link #TIMED_OUT} or {@link #INTERRUPTED}
   */
  int end() {
    watch.cancel();
    if (state.compareAndSet(RUNNING, ENDED)) {
      return ENDED;
    }
    int reason;
    while ((reason = state.get()) == ABORTING) {
      // abort() must not block for long; the interrupt it may set would make parking return.
      Thread.yield();
    }
    if (interruptedBefore) {
      // The caller was interrupted before the abort began: that interrupt is theirs, and wins.
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    }
    if (reason == TIMED_OUT) {
      Thread.interrupted();
    }
    return reason;
  }
}
