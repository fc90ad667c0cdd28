package io.github.ikpurge.transport.jdk.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a transport's exchanges in flight, so that closing refuses new ones at once and releases
 * the client only when the last one has ended: a client shut down under an exchange fails it.
 */
public final class InFlight {

  private static final long CLOSED = 1;
  private static final long ONE = 2;

  private final AtomicLong state = new AtomicLong();
  private final AtomicBoolean released = new AtomicBoolean();
  private final Runnable release;

  /**
   * Creates the count.
   *
   * @param release what to run once, closed and with nothing in flight
   */
  public InFlight(Runnable release) {
    this.release = release;
  }

  /** {@return whether an exchange may start; if so it must {@link #exit} once} */
  public boolean enter() {
    long now = state.addAndGet(ONE);
    if ((now & CLOSED) == 0) {
      return true;
    }
    exit(false);
    return false;
  }

  /**
   * Ends an exchange that {@link #enter()} let start.
   *
   * @param onClientThread whether this runs on a thread of the client's own pool, which the release
   *     shuts down: it then runs on a thread of its own
   */
  public void exit(boolean onClientThread) {
    if (state.addAndGet(-ONE) == CLOSED) {
      releaseOnce(onClientThread);
    }
  }

  /** Refuses new exchanges; releases now if none is in flight, else when the last one ends. */
  public void close() {
    if (state.getAndUpdate(current -> current | CLOSED) == 0) {
      releaseOnce(false);
    }
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  private void releaseOnce(boolean onClientThread) {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    if (onClientThread) {
      Thread closer = new Thread(release, "ikpurge-jdk-close");
      closer.setDaemon(true);
      closer.start();
    } else {
      release.run();
    }
  }
}
