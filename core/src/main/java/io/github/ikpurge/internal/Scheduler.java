package io.github.ikpurge.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every client, that fires deadlines and starts delayed retries. Its
 * tasks only complete futures or start non-blocking sends, so one thread serves any number of
 * calls.
 */
final class Scheduler {

  private static final ScheduledThreadPoolExecutor EXECUTOR = create();

  private Scheduler() {}

  static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return EXECUTOR.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ikpurge-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }
}
