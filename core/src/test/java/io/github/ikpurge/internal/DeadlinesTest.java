package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void anActionRunsOnceItsDeadlineHasPassedAndNotBefore() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    long started = System.nanoTime();
    long[] ranAt = new long[1];

    Deadlines.after(
        Duration.ofMillis(100),
        () -> {
          ranAt[0] = System.nanoTime();
          ran.countDown();
        });

    // How late it runs depends on the machine's load; that it runs, and not early, does not.
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(ranAt[0] - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  /**
   * Waits until the timer has passed a point later than every deadline a test set: an action due
   * after them has run, so the timer has already looked at each of them once they fell due.
   */
  private static void awaitTimerPast(Duration later) throws InterruptedException {
    CountDownLatch passed = new CountDownLatch(1);
    Deadlines.after(later, passed::countDown);
    assertThat(passed.await(30, TimeUnit.SECONDS)).as("the timer passed %s", later).isTrue();
  }

  @Test
  void aDeadlineSetWhileTheTimerIsParkedStillRuns() throws Exception {
    awaitTimerParked();
    CountDownLatch ran = new CountDownLatch(1);

    Deadlines.after(Duration.ofMillis(1), ran::countDown);

    assertThat(ran.await(30, TimeUnit.SECONDS)).as("the action ran after the timer woke").isTrue();
  }

  /**
   * Waits until the timer's thread, with nothing pending for a while, has parked with no timeout:
   * only a new deadline can wake it then. An earlier test's call may keep a deadline pending for up
   * to its call timeout, a minute by default.
   */
  private static void awaitTimerParked() throws InterruptedException {
    Deadlines.nanoTimeAfter(Duration.ZERO); // loads the class, which starts its timer
    Thread timer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals("ikpurge-deadlines"))
            .findFirst()
            .orElseThrow();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (timer.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime() - giveUp).as("the timer parked within 90 s").isNegative();
      // A thread's state has no event to wait for: look again shortly.
      Thread.sleep(20);
    }
  }

  @Test
  void aCancelledActionNeverRuns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Deadlines.Deadline deadline = Deadlines.after(Duration.ofMillis(30), runs::incrementAndGet);

    assertThat(deadline.cancel()).isTrue();
    assertThat(deadline.cancel()).isFalse();
    awaitTimerPast(Duration.ofMillis(60));

    assertThat(runs).hasValue(0);
  }

  @Test
  void anActionThatThrowsDoesNotStopTheOthers() throws Exception {
    CountDownLatch later = new CountDownLatch(1);
    Deadlines.after(
        Duration.ofMillis(10),
        () -> {
          throw new IllegalStateException("expected in this test");
        });
    Deadlines.after(Duration.ofMillis(40), later::countDown);

    assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void thousandsOfDeadlinesSetAndCancelledLeaveNothingPending() throws Exception {
    AtomicInteger cancelledRuns = new AtomicInteger();
    for (int i = 0; i < 10_000; i++) {
      Deadlines.after(Duration.ofMillis(50), cancelledRuns::incrementAndGet).cancel();
    }
    CountDownLatch keptRan = new CountDownLatch(1);
    Deadlines.Deadline kept = Deadlines.after(Duration.ofMillis(20), keptRan::countDown);
    awaitTimerPast(Duration.ofMillis(100));

    assertThat(keptRan.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelledRuns).hasValue(0);
    assertThat(kept.cancel()).isFalse();
  }

  @Test
  void aWatchedThreadInterruptedRunsOnlyTheInterruptAction() throws Exception {
    AtomicInteger timeouts = new AtomicInteger();
    CountDownLatch interrupted = new CountDownLatch(1);
    try (Spinner caller = new Spinner()) {
      Deadlines.watch(
          caller.thread,
          System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
          timeouts::incrementAndGet,
          interrupted::countDown);
      caller.thread.interrupt();

      assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(timeouts).hasValue(0);
    }
  }

  @Test
  void aWatchRunsTheDeadlineActionWhenTheThreadIsNotInterrupted() throws Exception {
    AtomicInteger interrupts = new AtomicInteger();
    CountDownLatch timedOut = new CountDownLatch(1);

    Deadlines.Deadline watch =
        Deadlines.watch(
            Thread.currentThread(),
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30),
            timedOut::countDown,
            interrupts::incrementAndGet);

    assertThat(timedOut.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupts).hasValue(0);
    assertThat(watch.cancel()).isFalse();
  }

  @Test
  void aCancelledWatchIgnoresALaterInterrupt() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (Spinner caller = new Spinner()) {
      Deadlines.Deadline watch =
          Deadlines.watch(
              caller.thread,
              System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
              runs::incrementAndGet,
              runs::incrementAndGet);

      assertThat(watch.cancel()).isTrue();
      caller.thread.interrupt();
      // A second watched thread, interrupted after the first: once its watch has fired, the timer
      // has looked at the first thread's interrupt too.
      try (Spinner other = new Spinner()) {
        CountDownLatch noticed = new CountDownLatch(1);
        Deadlines.watch(
            other.thread,
            System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
            () -> {},
            noticed::countDown);
        other.thread.interrupt();
        assertThat(noticed.await(30, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(caller.thread.isInterrupted()).isTrue();
      assertThat(runs).hasValue(0);
    }
  }

  /** A thread that, like one blocked in a socket read, goes on despite an interrupt. */
  private static final class Spinner implements AutoCloseable {
    private volatile boolean stop;
    final Thread thread =
        new Thread(
            () -> {
              while (!stop) {
                // Returns at once while interrupted, and keeps the flag set.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
              }
            });

    Spinner() {
      thread.start();
    }

    @Override
    public void close() {
      stop = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
