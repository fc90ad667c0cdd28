package io.github.ikpurge.internal;

import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Runs calls against the transport: the loop of attempts under per-attempt and whole-call time
 * limits, retries with full-jitter backoff or the wait a 429 asks for, and one debug line per
 * attempt. What each attempt comes to is decided by {@link ResponseMapper} and {@link
 * FailureMapper}. The same decisions serve the blocking and the non-blocking path.
 */
final class CallExecutor {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge");

  private final HttpTransport transport;
  private final ResponseMapper responses;
  private final FailureMapper failures;
  private final long attemptTimeoutNanos;
  private final Duration callTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxResponseBytes;
  private final int maxResponseHeaderBytes;
  private final RateLimiter rateLimiter;
  private final CallEvents events;

  CallExecutor(HttpTransport transport, ResponseMapper responses, ClientSettings settings) {
    this.transport = transport;
    this.responses = responses;
    this.failures = new FailureMapper(transport.name(), settings);
    this.attemptTimeoutNanos = Nanos.of(settings.attemptTimeout());
    this.callTimeout = settings.callTimeout();
    this.retryPolicy = settings.retryPolicy();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.maxResponseHeaderBytes = settings.maxResponseHeaderBytes();
    this.rateLimiter = settings.rateLimiter();
    this.events = new CallEvents(settings.listeners(), transport.name());
  }

  CallEvents events() {
    return events;
  }

  /** Returns the deadline of a call starting now: the call timeout from now. */
  long deadlineFromNow() {
    return System.nanoTime() + Nanos.of(callTimeout);
  }

  /**
   * Returns the deadline of a call starting now that must also end by {@code bound}: the earlier of
   * the two, compared by their difference as {@link System#nanoTime()} readings must be.
   */
  long deadlineFromNow(long bound) {
    long own = deadlineFromNow();
    return own - bound <= 0 ? own : bound;
  }

  <T> T execute(Call<T> call) {
    return execute(call, deadlineFromNow());
  }

  /** Runs a call that must end by {@code deadline} ({@link System#nanoTime()} based). */
  <T> T execute(Call<T> call, long deadline) {
    CallEvents.Trace trace = events.start(call.operation);
    T value;
    try {
      value = attempts(call, deadline, trace);
    } catch (RuntimeException | Error e) {
      trace.callEnded(e);
      throw e;
    }
    trace.callEnded(null);
    return value;
  }

  private <T> T attempts(Call<T> call, long deadline, CallEvents.Trace trace) {
    for (int attempt = 1; ; attempt++) {
      long paced = pace(call, deadline, trace);
      if (paced > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(paced);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ImageKitException(
              call.describe() + " was interrupted while waiting for its rate-limit slot", e);
        }
      }
      long started = System.nanoTime();
      long remaining = deadline - started;
      if (remaining <= 0) {
        throw failures.callTimedOut(call, null);
      }
      // One deadline per attempt, the earlier of the attempt's and the call's; the engine's timer
      // aborts the exchange there, so the scope of the timeout is known here, not guessed.
      boolean callFirst = remaining <= attemptTimeoutNanos;
      long attemptDeadline = callFirst ? deadline : started + attemptTimeoutNanos;
      TransportRequest request =
          call.request(attemptLimit(remaining), maxResponseBytes, maxResponseHeaderBytes);
      TransportResponse response = null;
      Exception failure = null;
      int ended = AttemptGuard.ENDED;
      try {
        HttpTransport.Exchange exchange = transport.prepare(request);
        AttemptGuard guard = AttemptGuard.arm(exchange, attemptDeadline);
        try {
          response = exchange.call();
        } catch (IOException | InterruptedException | RuntimeException e) {
          failure = e;
        } finally {
          ended = guard.end();
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      if (ended == AttemptGuard.INTERRUPTED
          || (ended == AttemptGuard.ENDED && failure instanceof InterruptedException)) {
        Thread.currentThread().interrupt();
        throw new ImageKitException(call.describe() + " was interrupted", failure);
      }
      Outcome<T> outcome;
      if (response != null) {
        // A complete response is used even if the abort came too late to stop it.
        outcome = onResponse(call, request, response, attempt, started, deadline, trace);
      } else if (ended == AttemptGuard.TIMED_OUT) {
        outcome = onAbort(call, failure, attempt, started, callFirst, trace);
      } else {
        outcome = onFailure(call, failure, attempt, started, deadline, trace);
      }
      if (outcome.error == null) {
        return outcome.value;
      }
      // Every request on the wire is an attempt, the library's own re-sends included.
      attempt += outcome.requestsSent - 1;
      long delay = retryDelay(outcome, attempt, deadline);
      if (delay < 0) {
        throw outcome.error;
      }
      trace.retryScheduled(attempt, delay, outcome.error);
      try {
        TimeUnit.NANOSECONDS.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ImageKitException interrupted =
            new ImageKitException(call.describe() + " was interrupted while waiting to retry", e);
        interrupted.addSuppressed(outcome.error);
        throw interrupted;
      }
    }
  }

  <T> CompletableFuture<T> executeAsync(Call<T> call) {
    return executeAsync(call, deadlineFromNow());
  }

  /** Starts a call that must end by {@code deadline} ({@link System#nanoTime()} based). */
  <T> CompletableFuture<T> executeAsync(Call<T> call, long deadline) {
    return new AsyncRun<>(call, deadline).start();
  }

  /**
   * Reserves the next request's slot with the rate limiter and returns how long to wait for it.
   *
   * @throws ImageKitTimeoutException of scope {@code RATE_LIMIT} if the slot comes at or after the
   *     call's deadline
   */
  private long pace(Call<?> call, long deadline, CallEvents.Trace trace) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw failures.callTimedOut(call, null);
    }
    Duration slot = rateLimiter.reserve(Duration.ofNanos(remaining));
    // A limiter of the caller's may break its contract; a wait it cannot give is no wait.
    long wait = slot == null || slot.isNegative() ? 0 : Nanos.of(slot);
    if (wait > 0 && wait >= remaining) {
      throw failures.heldPastDeadline(call, wait, remaining);
    }
    if (wait > 0) {
      trace.rateLimitWait(wait);
    }
    return wait;
  }

  private Duration attemptLimit(long remainingNanos) {
    return Duration.ofNanos(Math.min(remainingNanos, attemptTimeoutNanos));
  }

  private <T> Outcome<T> onResponse(
      Call<T> call,
      TransportRequest request,
      TransportResponse response,
      int attempt,
      long started,
      long deadline,
      CallEvents.Trace trace) {
    try {
      // Whatever the transport checked already: a caller's transport may check nothing.
      request.checkResponseHead(response.headers());
    } catch (HttpTransportException e) {
      return onFailure(call, e, attempt, started, deadline, trace);
    }
    byte[] body = response.body();
    if (body.length > request.maxResponseBytes()) {
      // A caller's transport may not honour the limit; the engine enforces it all the same.
      return onFailure(
          call,
          new HttpTransportException(
              HttpTransportException.Kind.RESPONSE_TOO_LARGE,
              "transport "
                  + transport.name()
                  + " returned a body of "
                  + body.length
                  + " bytes, over the limit of "
                  + request.maxResponseBytes(),
              null),
          attempt,
          started,
          deadline,
          trace);
    }
    ResponseMetadata metadata =
        ResponseMetadata.of(
            response.statusCode(), response.headers(), new String(body, StandardCharsets.UTF_8));
    attemptEnded(trace, call, attempt, 1, started, metadata, null);
    Outcome<T> outcome = responses.outcome(call, metadata, body);
    if (outcome.error instanceof TooManyRequestsException tooMany) {
      rateLimiter.rateLimited(tooMany.rateLimit());
    }
    return outcome;
  }

  /**
   * The outcome of an attempt the engine's timer aborted at its deadline: the attempt's, or the
   * call's when that came first.
   */
  private <T> Outcome<T> onAbort(
      Call<T> call,
      Throwable failure,
      int attempt,
      long started,
      boolean callFirst,
      CallEvents.Trace trace) {
    HttpTransportException timeout =
        new HttpTransportException(
            HttpTransportException.Kind.TIMEOUT,
            "aborted at the " + (callFirst ? "call" : "attempt") + " deadline",
            failure);
    attemptEnded(trace, call, attempt, 1, started, null, timeout);
    return failures.outcome(call, timeout, timeout, Integer.toString(attempt), callFirst);
  }

  private <T> Outcome<T> onFailure(
      Call<T> call,
      Throwable failure,
      int attempt,
      long started,
      long deadline,
      CallEvents.Trace trace) {
    if (!(failure instanceof IOException io)) {
      attemptEnded(trace, call, attempt, 1, started, null, failure);
      return failures.unexpected(call, failure);
    }
    HttpTransportException classified = HttpTransportException.classify(io);
    int sent = classified.requestsSent();
    String attempts = sent == 1 ? Integer.toString(attempt) : attempt + "-" + (attempt + sent - 1);
    attemptEnded(trace, call, attempt, sent, started, null, failure);
    // A timeout the transport's library reported by itself (from TransportRequest.timeout(), say)
    // is the call's once the call's deadline has passed.
    boolean callOver = System.nanoTime() - deadline >= 0;
    return failures.outcome(call, io, classified, attempts, callOver);
  }

  /**
   * Returns how long to wait before the next attempt, or -1 to give up with the outcome's error.
   */
  private long retryDelay(Outcome<?> outcome, int attempt, long deadline) {
    // A library that re-sent this attempt may re-send the next one too: it must fit the budget.
    if (!outcome.retryable || attempt + outcome.requestsSent > retryPolicy.maxAttempts()) {
      return -1;
    }
    long delay =
        backoffNanos(
            retryPolicy, attempt, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    if (outcome.requestedWait != null) {
      delay = Math.max(delay, outcome.requestedWait.toNanos());
    }
    if (delay >= deadline - System.nanoTime()) {
      return -1;
    }
    return delay;
  }

  /**
   * Returns the full-jitter backoff after an attempt: {@code jitter} applied to the policy's {@link
   * RetryPolicy#maxDelayAfter bound}, held to {@link Nanos#MAX}.
   *
   * @param policy the retry policy
   * @param attempt the attempt that failed, from 1
   * @param jitter picks a delay from zero to the bound it is given, both included
   * @return the delay in nanoseconds
   */
  static long backoffNanos(RetryPolicy policy, int attempt, LongUnaryOperator jitter) {
    long bound = Nanos.of(policy.maxDelayAfter(attempt));
    return bound <= 0 ? 0 : jitter.applyAsLong(bound);
  }

  /** Tells the trace of an attempt's end, and logs it at debug level. */
  private void attemptEnded(
      CallEvents.Trace trace,
      Call<?> call,
      int attempt,
      int sent,
      long started,
      ResponseMetadata metadata,
      Throwable failure) {
    trace.attemptEnded(
        attempt, sent, metadata == null ? 0 : metadata.statusCode(), started, failure);
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
    String attempts = sent == 1 ? Integer.toString(attempt) : attempt + "-" + (attempt + sent - 1);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String outcome =
        metadata != null
            ? Integer.toString(metadata.statusCode())
            : "failed (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
    String ikRequestId = metadata == null ? "-" : metadata.ikRequestId().orElse("-");
    LOG.log(
        Level.DEBUG,
        "{0} {1} -> {2} attempt {3}/{4} in {5} ms x-ik-requestId={6} transport={7}",
        call.method,
        call.uri.getRawPath(),
        outcome,
        attempts,
        // As text: MessageFormat writes numbers of 1,000 and more grouped, in the locale's way.
        Integer.toString(retryPolicy.maxAttempts()),
        Long.toString(millis),
        ikRequestId,
        transport.name());
  }

  /** One non-blocking call: attempts chained on the transport's futures and the scheduler. */
  private final class AsyncRun<T> {

    private final Call<T> call;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long deadline;
    private final InFlight inFlight = new InFlight(result);
    private final CallEvents.Trace trace;

    AsyncRun(Call<T> call, long deadline) {
      this.call = call;
      this.deadline = deadline;
      this.trace = events.start(call.operation);
    }

    CompletableFuture<T> start() {
      if (trace.on()) {
        // The call's own end is reported before its future completes, so that what the caller
        // does next sees it; this reports a cancel by the caller.
        result.whenComplete((value, failure) -> trace.callEnded(failure));
      }
      // No guard of the whole call: every attempt's deadline is at or before it, and a retry
      // starts only when it fits.
      attempt(1);
      return result;
    }

    private void attempt(int attempt) {
      if (result.isDone()) {
        return;
      }
      long paced;
      try {
        paced = pace(call, deadline, trace);
      } catch (Throwable e) {
        // A retry runs on the scheduler, which would swallow it: the future must end either way.
        fail(e);
        return;
      }
      if (paced > 0) {
        inFlight.step(Scheduler.schedule(() -> send(attempt), paced));
      } else {
        send(attempt);
      }
    }

    private void send(int attempt) {
      if (result.isDone()) {
        return;
      }
      long started = System.nanoTime();
      long remaining = deadline - started;
      if (remaining <= 0) {
        fail(failures.callTimedOut(call, null));
        return;
      }
      boolean callFirst = remaining <= attemptTimeoutNanos;
      long attemptDeadline = callFirst ? deadline : started + attemptTimeoutNanos;
      TransportRequest request =
          call.request(attemptLimit(remaining), maxResponseBytes, maxResponseHeaderBytes);
      CompletableFuture<TransportResponse> exchange;
      try {
        exchange = transport.executeAsync(request);
      } catch (RuntimeException e) {
        exchange = CompletableFuture.failedFuture(e);
      } catch (Error e) {
        // Such as a NoClassDefFoundError of a library the transport needs: the future fails with
        // it as the blocking call would throw it, rather than the caller's thread or a retry's.
        fail(e);
        return;
      }
      inFlight.exchange(exchange);
      if (result.isDone()) {
        return;
      }
      // Whichever comes first, the exchange's end or the deadline, settles the attempt.
      AtomicBoolean settled = new AtomicBoolean();
      CompletableFuture<TransportResponse> current = exchange;
      Deadlines.Deadline timer =
          Deadlines.at(
              attemptDeadline,
              () -> {
                if (settled.compareAndSet(false, true)) {
                  current.cancel(true);
                  settleSafely(
                      () -> onAbort(call, null, attempt, started, callFirst, trace), attempt);
                }
              });
      exchange.whenComplete(
          (response, failure) -> {
            timer.cancel();
            if (settled.compareAndSet(false, true)) {
              settleSafely(
                  () ->
                      failure == null
                          ? onResponse(call, request, response, attempt, started, deadline, trace)
                          : onFailure(
                              call,
                              FailureMapper.exchangeFailure(failure),
                              attempt,
                              started,
                              deadline,
                              trace),
                  attempt);
            }
          });
    }

    private void settleSafely(Supplier<Outcome<T>> outcome, int attempt) {
      try {
        settle(outcome.get(), attempt);
      } catch (Throwable unexpected) {
        fail(unexpected);
      }
    }

    /** Ends the call with a failure, reported first; returns whether this completed it. */
    private boolean fail(Throwable failure) {
      trace.callEnded(failure);
      return result.completeExceptionally(failure);
    }

    private void settle(Outcome<T> outcome, int attempt) {
      if (outcome.error == null) {
        trace.callEnded(null);
        result.complete(outcome.value);
        return;
      }
      if (result.isDone()) {
        return;
      }
      int last = attempt + outcome.requestsSent - 1;
      long delay = retryDelay(outcome, last, deadline);
      if (delay < 0) {
        fail(outcome.error);
        return;
      }
      trace.retryScheduled(last, delay, outcome.error);
      inFlight.step(Scheduler.schedule(() -> attempt(last + 1), delay));
    }
  }
}
