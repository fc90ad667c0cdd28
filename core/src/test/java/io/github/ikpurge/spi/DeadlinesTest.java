package io.github.ikpurge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    assertThat(ran.await(2, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(ranAt[0] - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100))
        .isLessThan(Duration.ofMillis(100).plus(Deadlines.RESOLUTION).plusMillis(200));
  }

  @Test
  void aCancelledActionNeverRuns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Deadlines.Deadline deadline = Deadlines.after(Duration.ofMillis(30), runs::incrementAndGet);

    assertThat(deadline.cancel()).isTrue();
    assertThat(deadline.cancel()).isFalse();
    Thread.sleep(150);

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

    assertThat(later.await(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void thousandsOfDeadlinesSetAndCancelledLeaveNothingPending() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 10_000; i++) {
      Deadlines.after(Duration.ofMillis(50), runs::incrementAndGet).cancel();
    }
    Deadlines.Deadline kept = Deadlines.after(Duration.ofMillis(20), runs::incrementAndGet);
    Thread.sleep(200);

    assertThat(runs).hasValue(1);
    assertThat(kept.cancel()).isFalse();
  }
}
