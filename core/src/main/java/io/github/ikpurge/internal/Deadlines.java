package io.github.ikpurge.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's coarse timer for the deadlines of attempts, shared by every client: an action runs
 * within about {@link #RESOLUTION} after its deadline, unless cancelled first.
 *
 * <p>It exists because nearly every deadline is cancelled, when its exchange ends in time. A
 * precise scheduler wakes its thread for each one set; this one only checks, every {@link
 * #RESOLUTION} while deadlines are pending, so setting and cancelling cost no thread wake-up. The
 * checking thread hands each action that comes due to a pooled daemon thread, so an action that
 * blocks (closing a socket, a caller's stage chained on a future it completes) holds up no other
 * deadline.
 *
 * <p>Transports have no timer of their own: the engine arms one deadline per attempt here and, when
 * it passes, aborts the exchange ({@link io.github.ikpurge.spi.HttpTransport.Exchange#abort()}) or
 * cancels its future.
 */
final class Deadlines {

  /** How late, at most about, an action runs after its deadline. */
  public static final Duration RESOLUTION = Duration.ofMillis(10);

  private static final long RESOLUTION_NANOS = RESOLUTION.toNanos();

  /** How long the timer's thread keeps checking with nothing pending before it parks. */
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Runs the actions that came due; a thread lives only while actions keep coming. */
  private static final ThreadPoolExecutor ACTIONS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          5,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
              return daemon(task, "ikpurge-deadline-action-" + count.incrementAndGet());
            }
          });

  private static final Set<Deadline> PENDING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean PARKED = new AtomicBoolean();
  private static final Thread TICKER = start();

  private Deadlines() {}

  /**
   * Runs an action once a deadline has passed, unless cancelled first.
   *
   * @param deadlineNanos the deadline, on the {@link System#nanoTime()} clock
   * @param action what to run
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
   * @param onDeadline what to run at the deadline
   * @param onInterrupt what to run when {@code caller} is interrupted
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
   * @param action what to run
   * @return the deadline, to cancel
   */
  public static Deadline after(Duration delay, Runnable action) {
    return at(nanoTimeAfter(delay), action);
  }

  /**
   * Returns the {@link System#nanoTime()} reading a delay from now; a delay too long for the clock
   * (about 146 years or more) is cut to that, so the result never overflows.
   *
   * @param delay how long from now
   * @return the deadline on the {@link System#nanoTime()} clock
   */
  public static long nanoTimeAfter(Duration delay) {
    long nanos;
    try {
      nanos = delay.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 2;
    }
    return System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2);
  }

  private static Thread start() {
    Thread thread = daemon(Deadlines::tick, "ikpurge-deadlines");
    thread.start();
    return thread;
  }

  /** A daemon thread that pins no class loader of whichever code first used this class. */
  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.setContextClassLoader(null);
    return thread;
  }

  private static void tick() {
    long idleSince = System.nanoTime();
    while (true) {
      // Nothing interrupts this thread on purpose; a stray interrupt must not make parking spin.
      Thread.interrupted();
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
            if (deadline.claim()) {
              handOver(deadline.onInterrupt);
            }
          } else if (now - deadline.nanos >= 0 && deadline.claim()) {
            handOver(deadline.action);
          }
        }
      }
      LockSupport.parkNanos(Deadlines.class, RESOLUTION_NANOS);
    }
  }

  private static void handOver(Runnable action) {
    try {
      ACTIONS.execute(() -> run(action));
    } catch (RejectedExecutionException | OutOfMemoryError e) {
      // No thread to be had: run it here rather than never.
      run(action);
    }
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      // An action's failure must not stop the thread that runs actions: report it and go on.
      Thread self = Thread.currentThread();
      self.getUncaughtExceptionHandler().uncaughtException(self, e);
    }
  }

  /**
   * A pending deadline. Once its action has been claimed to run, {@link #cancel()} returns false
   * even while the action is still running.
   */
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
     * Cancels the action if it has not been claimed to run yet.
     *
     * @return whether this call cancelled it
     */
    public boolean cancel() {
      return claim();
    }

    /** Takes the deadline out of the pending set; only the first caller wins. */
    private boolean claim() {
      boolean won = done.compareAndSet(false, true);
      PENDING.remove(this);
      return won;
    }
  }
}
