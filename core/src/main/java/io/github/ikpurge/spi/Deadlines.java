package io.github.ikpurge.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A coarse timer for the deadlines of exchanges, shared by every client and transport: an action
 * runs on one daemon thread within about {@link #RESOLUTION} after its deadline, unless cancelled
 * first.
 *
 * <p>It exists because nearly every deadline is cancelled, when its exchange ends in time. A
 * precise scheduler wakes its thread for each one set; this one only checks, every {@link
 * #RESOLUTION} while deadlines are pending, so setting and cancelling cost no thread wake-up.
 * Actions must be short and must not block: they run on the timer's thread, one after another.
 */
public final class Deadlines {

  /** How late, at most about, an action runs after its deadline. */
  public static final Duration RESOLUTION = Duration.ofMillis(10);

  /** How long the timer's thread keeps checking with nothing pending before it parks. */
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final Set<Deadline> PENDING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean PARKED = new AtomicBoolean();
  private static final Thread TICKER = start();

  private Deadlines() {}

  /**
   * Runs an action once a deadline has passed, unless cancelled first.
   *
   * @param deadlineNanos the deadline, on the {@link System#nanoTime()} clock
   * @param action what to run; short and non-blocking
   * @return the deadline, to cancel
   */
  public static Deadline at(long deadlineNanos, Runnable action) {
    return add(new Deadline(deadlineNanos, Objects.requireNonNull(action, "action"), null, null));
  }

  private static Deadline add(Deadline deadline) {
    PENDING.add(deadline);
    if (PARKED.compareAndSet(true, false)) {
      LockSupport.unpark(TICKER);
    }
    return deadline;
  }

  /**
   * Watches a thread blocked where an interrupt does not reach it, such as a socket read: runs
   * {@code onDeadline} once the deadline has passed, or {@code onInterrupt} within about {@link
   * #RESOLUTION} of the thread being interrupted, whichever comes first; unless cancelled first.
   * Only one of the two actions ever runs.
   *
   * @param caller the blocked thread
   * @param deadlineNanos the deadline, on the {@link System#nanoTime()} clock
   * @param onDeadline what to run at the deadline; short and non-blocking
   * @param onInterrupt what to run when {@code caller} is interrupted; short and non-blocking
   * @return the watch, to cancel
   */
  public static Deadline watch(
      Thread caller, long deadlineNanos, Runnable onDeadline, Runnable onInterrupt) {
    return add(
        new Deadline(
            deadlineNanos,
            Objects.requireNonNull(onDeadline, "onDeadline"),
            Objects.requireNonNull(caller, "caller"),
            Objects.requireNonNull(onInterrupt, "onInterrupt")));
  }

  /**
   * Runs an action once a delay has passed, unless cancelled first.
   *
   * @param delay how long from now
   * @param action what to run; short and non-blocking
   * @return the deadline, to cancel
   */
  public static Deadline after(Duration delay, Runnable action) {
    long nanos;
    try {
      nanos = delay.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 2;
    }
    return at(System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2), action);
  }

  private static Thread start() {
    Thread thread = new Thread(Deadlines::tick, "ikpurge-deadlines");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void tick() {
    long idleSince = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      if (PENDING.isEmpty()) {
        if (now - idleSince > LINGER_NANOS) {
          PARKED.set(true);
          // A deadline added between the check and the flag unparks us, or is seen here.
          if (PENDING.isEmpty()) {
            LockSupport.park(Deadlines.class);
          }
          PARKED.set(false);
          idleSince = System.nanoTime();
          continue;
        }
      } else {
        idleSince = now;
        for (Deadline deadline : PENDING) {
          if (deadline.caller != null && deadline.caller.isInterrupted()) {
            if (deadline.fire()) {
              run(deadline.onInterrupt);
            }
          } else if (now - deadline.nanos >= 0 && deadline.fire()) {
            run(deadline.action);
          }
        }
      }
      LockSupport.parkNanos(Deadlines.class, RESOLUTION.toNanos());
    }
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // An action's failure must not stop every other deadline: report it and go on.
      Thread self = Thread.currentThread();
      self.getUncaughtExceptionHandler().uncaughtException(self, e);
    }
  }

  /** A pending deadline. */
  public static final class Deadline {

    private final long nanos;
    private final Runnable action;
    private final Thread caller;
    private final Runnable onInterrupt;
    private final AtomicBoolean done = new AtomicBoolean();

    private Deadline(long nanos, Runnable action, Thread caller, Runnable onInterrupt) {
      this.nanos = nanos;
      this.action = action;
      this.caller = caller;
      this.onInterrupt = onInterrupt;
    }

    /**
     * Cancels the action if it has not run yet.
     *
     * @return whether this call cancelled it
     */
    public boolean cancel() {
      boolean cancelled = done.compareAndSet(false, true);
      PENDING.remove(this);
      return cancelled;
    }

    private boolean fire() {
      boolean fired = done.compareAndSet(false, true);
      PENDING.remove(this);
      return fired;
    }
  }
}
