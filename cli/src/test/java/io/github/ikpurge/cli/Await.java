package io.github.ikpurge.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a test expects to happen, and fails with what it waited for if it does not.
 */
final class Await {

  private Await() {}

  static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      }
      Thread.sleep(10);
    }
  }
}
