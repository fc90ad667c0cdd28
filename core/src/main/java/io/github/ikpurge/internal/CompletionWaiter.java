package io.github.ikpurge.internal;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.TooManyRequestsException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Polls a purge's status on the {@link PollPolicy} schedule until it is no longer {@code Pending}
 * or the wait runs out. A 429 that asks for a longer pause stretches the next delay; every status
 * call is bounded by what remains of the wait. The asynchronous form schedules its polls and blocks
 * no thread.
 */
final class CompletionWaiter {

  private final CallExecutor executor;
  private final Function<PurgeRequestId, Call<PurgeStatusResult>> statusCall;
  private final PollPolicy policy;

  CompletionWaiter(
      CallExecutor executor,
      Function<PurgeRequestId, Call<PurgeStatusResult>> statusCall,
      PollPolicy policy) {
    this.executor = executor;
    this.statusCall = statusCall;
    this.policy = policy;
  }

  Duration defaultMaxWait() {
    return policy.maxWait();
  }

  /** The state of one wait, shared by the blocking and the non-blocking loop. */
  private final class Wait {
    final PurgeRequestId id;
    final PollListener listener;
    final long started = System.nanoTime();
    final long deadline;
    final long lastPollStart;
    int polls;
    int delays;
    PurgeCacheStatus last;

    Wait(PurgeRequestId id, Duration maxWait, PollListener listener) {
      this.id = id;
      this.listener = listener;
      this.deadline = started + Nanos.of(maxWait);
      this.lastPollStart = lastPollStart(started, maxWait);
    }

    /** Returns when the first poll starts: at once, or after the schedule's first delay. */
    OptionalLong firstPollAt(boolean atOnce) {
      return atOnce ? OptionalLong.of(started) : nextPollAt(started, null);
    }

    /** Returns when the next poll starts, or empty when none fits before the deadline. */
    OptionalLong nextPollAt(long now, Duration requestedPause) {
      return pollStart(now, jittered(policy.nominalDelay(++delays)), requestedPause, lastPollStart);
    }

    long callDeadline() {
      return executor.deadlineFromNow(deadline);
    }

    /** Records an answer; returns whether the wait is over. */
    boolean seen(PurgeStatusResult result) {
      polls++;
      last = result.status();
      long elapsed = System.nanoTime() - started;
      // The client's listeners first: a PollListener's exception ends the wait.
      executor.events().polled(id, polls, last, elapsed);
      if (listener != null) {
        listener.onPoll(new PollEvent(id, polls, last, Duration.ofNanos(elapsed)));
      }
      return !last.isPending();
    }

    CompletionTimeoutException timedOut(Throwable cause) {
      return new CompletionTimeoutException(
          id.value(), last, Duration.ofNanos(System.nanoTime() - started), polls, cause);
    }

    /** Returns the pause a failed poll asks for, or throws when the failure ends the wait. */
    Duration pauseAfter(ImageKitException failure) {
      if (failure instanceof TooManyRequestsException limited) {
        return limited.rateLimit().requestedWait().orElse(Duration.ZERO);
      }
      if (failure instanceof ImageKitTimeoutException timeout
          && timeout.scope() != ImageKitTimeoutException.Scope.ATTEMPT
          && System.nanoTime() - lastPollStart >= 0) {
        throw timedOut(failure);
      }
      throw failure;
    }
  }

  /**
   * Returns the latest time a poll may start: a little before the deadline (a tenth of the wait, at
   * most a second), so that it can still answer in time.
   *
   * @param started when the wait started, on the {@link System#nanoTime()} clock
   * @param maxWait how long the wait may take
   * @return the latest start of a poll
   */
  static long lastPollStart(long started, Duration maxWait) {
    long nanos = Nanos.of(maxWait);
    return started + nanos - Math.min(TimeUnit.SECONDS.toNanos(1), nanos / 10);
  }

  /**
   * Returns when the next poll starts: after the delay, or the pause a 429 asked for if longer; at
   * the last start if the delay runs past it; empty if none fits, or if the pause the server asked
   * for runs past it (polling sooner would be refused again). Times are compared by their
   * difference, as {@link System#nanoTime()} readings must be: any long, negative ones included, is
   * a time.
   *
   * @param now the time now, on the {@link System#nanoTime()} clock
   * @param delay the delay of the schedule, in nanoseconds
   * @param requestedPause the pause a 429 asked for, or null
   * @param lastPollStart the latest time a poll may start
   * @return the start of the next poll, or empty
   */
  static OptionalLong pollStart(long now, long delay, Duration requestedPause, long lastPollStart) {
    long wait = requestedPause == null ? delay : Math.max(delay, requestedPause.toNanos());
    long at = now + wait;
    if (at - lastPollStart <= 0) {
      return OptionalLong.of(at);
    }
    if (requestedPause != null || now - lastPollStart >= 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(lastPollStart);
  }

  PurgeStatusResult await(
      PurgeRequestId id, Duration maxWait, PollListener listener, boolean pollAtOnce) {
    Wait wait = new Wait(id, maxWait, listener);
    OptionalLong nextAt = wait.firstPollAt(pollAtOnce);
    while (true) {
      if (nextAt.isEmpty()) {
        throw wait.timedOut(null);
      }
      sleepUntil(nextAt.getAsLong(), wait);
      try {
        PurgeStatusResult answer = executor.execute(statusCall.apply(id), wait.callDeadline());
        if (wait.seen(answer)) {
          return answer;
        }
        nextAt = wait.nextPollAt(System.nanoTime(), null);
      } catch (ImageKitException e) {
        nextAt = wait.nextPollAt(System.nanoTime(), wait.pauseAfter(e));
        if (nextAt.isEmpty()) {
          throw wait.timedOut(e);
        }
      }
    }
  }

  private static void sleepUntil(long at, Wait wait) {
    long delay = at - System.nanoTime();
    if (delay <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageKitException(
          "interrupted while waiting for purge " + wait.id.value() + " to complete", e);
    }
  }

  CompletableFuture<PurgeStatusResult> awaitAsync(
      PurgeRequestId id, Duration maxWait, PollListener listener, boolean pollAtOnce) {
    return new AsyncWait(new Wait(id, maxWait, listener)).start(pollAtOnce);
  }

  private long jittered(Duration nominal) {
    return jittered(
        nominal.toNanos(), policy.jitter(), ThreadLocalRandom.current().nextDouble(-1, 1));
  }

  /**
   * Returns a delay moved by a share of itself: {@code nanos * (1 + jitter * draw)}.
   *
   * @param nanos the nominal delay
   * @param jitter the largest share, 0 to 0.9
   * @param draw where in the range the delay falls, from -1 to 1
   * @return the delay in nanoseconds
   */
  static long jittered(long nanos, double jitter, double draw) {
    return (long) (nanos * (1 + jitter * draw));
  }

  /** A non-blocking wait: each poll is scheduled, and cancelling the future stops polling. */
  private final class AsyncWait {
    private final Wait wait;
    private final CompletableFuture<PurgeStatusResult> result = new CompletableFuture<>();
    private final InFlight inFlight = new InFlight(result);

    AsyncWait(Wait wait) {
      this.wait = wait;
    }

    CompletableFuture<PurgeStatusResult> start(boolean pollAtOnce) {
      schedule(wait.firstPollAt(pollAtOnce), null);
      return result;
    }

    private void schedule(OptionalLong at, Throwable cause) {
      if (at.isEmpty()) {
        result.completeExceptionally(wait.timedOut(cause));
        return;
      }
      inFlight.step(Scheduler.schedule(this::poll, at.getAsLong() - System.nanoTime()));
    }

    private void poll() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<PurgeStatusResult> call =
          executor.executeAsync(statusCall.apply(wait.id), wait.callDeadline());
      inFlight.exchange(call);
      if (result.isDone()) {
        return;
      }
      call.whenComplete(
          (answer, failure) -> {
            try {
              if (failure == null) {
                if (wait.seen(answer)) {
                  result.complete(answer);
                } else {
                  schedule(wait.nextPollAt(System.nanoTime(), null), null);
                }
                return;
              }
              Throwable cause = FailureMapper.unwrap(failure);
              if (cause instanceof CancellationException) {
                return;
              }
              if (!(cause instanceof ImageKitException error)) {
                result.completeExceptionally(cause);
                return;
              }
              Duration pause = wait.pauseAfter(error);
              schedule(wait.nextPollAt(System.nanoTime(), pause), error);
            } catch (Throwable e) {
              result.completeExceptionally(e);
            }
          });
    }
  }
}
