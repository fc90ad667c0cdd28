package io.github.ikpurge.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts calls in flight so that {@link #close()} can refuse new calls at once and run the release
 * action when the last call in flight ends.
 */
final class Lifecycle {

  private static final long CLOSED = 1;
  private static final long ONE_CALL = 2;

  private final AtomicLong state = new AtomicLong();
  private final AtomicBoolean released = new AtomicBoolean();
  private final Runnable release;

  Lifecycle(Runnable release) {
    this.release = release;
  }

  /**
   * Registers a call.
   *
   * @throws IllegalStateException if the client is closed
   */
  void enter() {
    while (true) {
      long current = state.get();
      if ((current & CLOSED) != 0) {
        throw new IllegalStateException("this PurgeClient is closed");
      }
      if (state.compareAndSet(current, current + ONE_CALL)) {
        return;
      }
    }
  }

  /** Ends a call registered by {@link #enter()}. */
  void exit() {
    if (state.addAndGet(-ONE_CALL) == CLOSED) {
      releaseOnce();
    }
  }

  /** Refuses new calls; releases now if none is in flight, else when the last one ends. */
  void close() {
    long before = state.getAndUpdate(current -> current | CLOSED);
    if (before == 0) {
      releaseOnce();
    }
  }

  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  private void releaseOnce() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
