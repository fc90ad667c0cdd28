package io.github.ikpurge.internal;

import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.spi.Deadlines;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Runs calls against the transport: per-attempt and whole-call time limits, retries with
 * full-jitter backoff, waits a 429 asks for, one debug line per attempt, and the mapping of every
 * outcome to a result or a typed error. The same decisions serve the blocking and the non-blocking
 * path.
 */
final class CallExecutor {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge");

  private final HttpTransport transport;
  private final ResponseMapper mapper;
  private final long attemptTimeoutNanos;
  private final Duration callTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxResponseBytes;
  private final int maxResponseHeaderBytes;

  CallExecutor(HttpTransport transport, ResponseMapper mapper, ClientSettings settings) {
    this.transport = transport;
    this.mapper = mapper;
    this.attemptTimeoutNanos = settings.attemptTimeout().toNanos();
    this.callTimeout = settings.callTimeout();
    this.retryPolicy = settings.retryPolicy();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.maxResponseHeaderBytes = settings.maxResponseHeaderBytes();
  }

  /** Returns the deadline of a call starting now: the call timeout from now. */
  long deadlineFromNow() {
    return System.nanoTime() + callTimeout.toNanos();
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
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      long remaining = deadline - started;
      if (remaining <= 0) {
        throw callTimedOut(call, null);
      }
      boolean clipped = remaining < attemptTimeoutNanos;
      TransportRequest request =
          call.request(attemptLimit(remaining), maxResponseBytes, maxResponseHeaderBytes);
      Outcome<T> outcome;
      try {
        outcome = onResponse(call, request, transport.execute(request), attempt, started, clipped);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImageKitException(call.describe() + " was interrupted", e);
      } catch (IOException | RuntimeException e) {
        outcome = onFailure(call, e, attempt, started, clipped);
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

  private Duration attemptLimit(long remainingNanos) {
    return Duration.ofNanos(Math.min(remainingNanos, attemptTimeoutNanos));
  }

  private <T> Outcome<T> onResponse(
      Call<T> call,
      TransportRequest request,
      TransportResponse response,
      int attempt,
      long started,
      boolean clipped) {
    try {
      // Whatever the transport checked already: a caller's transport may check nothing.
      request.checkResponseHead(response.headers());
    } catch (HttpTransportException e) {
      return onFailure(call, e, attempt, started, clipped);
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
          clipped);
    }
    ResponseMetadata metadata =
        ResponseMetadata.of(
            response.statusCode(), response.headers(), new String(body, StandardCharsets.UTF_8));
    logAttempt(call, Integer.toString(attempt), started, metadata, null);
    if (ResponseMapper.isSuccess(metadata.statusCode())) {
      String coding = ResponseMapper.contentCoding(metadata.headers());
      if (coding != null) {
        return Outcome.failure(
            new MalformedResponseException(
                "the HTTP "
                    + metadata.statusCode()
                    + " response body is encoded as \""
                    + coding
                    + "\", which the client asked not to be sent (Accept-Encoding: identity)",
                metadata,
                null),
            false,
            null);
      }
      try {
        return Outcome.success(call.reader.read(metadata, body));
      } catch (ImageKitException e) {
        return Outcome.failure(e, false, null);
      }
    }
    ApiException error = mapper.error(metadata, body, Instant.now());
    Duration wait =
        error instanceof TooManyRequestsException limited
            ? limited.rateLimit().requestedWait().orElse(null)
            : null;
    return Outcome.failure(error, isRetryable(call, metadata.statusCode()), wait);
  }

  private <T> Outcome<T> onFailure(
      Call<T> call, Throwable failure, int attempt, long started, boolean clipped) {
    if (!(failure instanceof IOException io)) {
      logAttempt(call, Integer.toString(attempt), started, null, failure);
      return Outcome.failure(
          new ConnectionException(
              call.describe()
                  + ": transport "
                  + transport.name()
                  + " failed unexpectedly: "
                  + failure,
              ConnectionException.Reason.IO,
              failure),
          false,
          null);
    }
    HttpTransportException classified = HttpTransportException.classify(io);
    int sent = classified.requestsSent();
    String attempts = sent == 1 ? Integer.toString(attempt) : attempt + "-" + (attempt + sent - 1);
    logAttempt(call, attempts, started, null, failure);
    String where =
        call.describe()
            + " (attempt "
            + attempts
            + (sent == 1 ? "" : ", sent " + sent + " times by " + transport.name())
            + ")";
    return failureOutcome(call, io, classified, where, clipped).sent(sent);
  }

  private <T> Outcome<T> failureOutcome(
      Call<T> call,
      IOException io,
      HttpTransportException classified,
      String where,
      boolean clipped) {
    return switch (classified.kind()) {
      case TIMEOUT ->
          clipped
              ? Outcome.failure(callTimedOut(call, io), false, null)
              : Outcome.failure(
                  new ImageKitTimeoutException(
                      where
                          + ": no complete response within the attempt timeout of "
                          + Duration.ofNanos(attemptTimeoutNanos).toMillis()
                          + " ms",
                      ImageKitTimeoutException.Scope.ATTEMPT,
                      Duration.ofNanos(attemptTimeoutNanos),
                      io),
                  call.idempotent,
                  null);
      case CONNECT ->
          Outcome.failure(
              new ConnectionException(
                  where
                      + ": could not connect to "
                      + call.uri.getAuthority()
                      + ": "
                      + io.getMessage(),
                  ConnectionException.Reason.CONNECT,
                  io),
              true,
              null);
      case TLS ->
          Outcome.failure(
              new ConnectionException(
                  where + ": TLS with " + call.uri.getAuthority() + " failed: " + io.getMessage(),
                  ConnectionException.Reason.TLS,
                  io),
              false,
              null);
      case RESPONSE_TOO_LARGE ->
          Outcome.failure(
              new ResponseTooLargeException(
                  where
                      + ": the response body is larger than the limit of "
                      + maxResponseBytes
                      + " bytes",
                  maxResponseBytes,
                  io),
              false,
              null);
      case HEADERS_TOO_LARGE ->
          Outcome.failure(
              new ResponseTooLargeException(
                  where
                      + ": the response header section is larger than the limit of "
                      + maxResponseHeaderBytes
                      + " bytes ("
                      + io.getMessage()
                      + ")",
                  maxResponseHeaderBytes,
                  io),
              false,
              null);
      case PROTOCOL ->
          Outcome.failure(
              new ConnectionException(
                  where + ": the response is not valid HTTP: " + io.getMessage(),
                  ConnectionException.Reason.PROTOCOL,
                  io),
              call.idempotent,
              null);
      case IO ->
          Outcome.failure(
              new ConnectionException(
                  where + ": the exchange failed: " + io.getMessage(),
                  ConnectionException.Reason.IO,
                  io),
              call.idempotent,
              null);
    };
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
   * Returns the full-jitter backoff after an attempt: {@code jitter} applied to {@code
   * min(maxDelay, baseDelay * 2^(attempt - 1))}, a bound that never overflows.
   *
   * @param policy the retry policy
   * @param attempt the attempt that failed, from 1
   * @param jitter picks a delay from zero to the bound it is given, both included
   * @return the delay in nanoseconds
   */
  static long backoffNanos(RetryPolicy policy, int attempt, LongUnaryOperator jitter) {
    long base = policy.baseDelay().toNanos();
    long cap = policy.maxDelay().toNanos();
    int shift = Math.min(attempt - 1, 30);
    long bound = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return bound <= 0 ? 0 : jitter.applyAsLong(bound);
  }

  private static boolean isRetryable(Call<?> call, int status) {
    if (status == 429) {
      return true;
    }
    if (!call.idempotent) {
      return false;
    }
    return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  private ImageKitTimeoutException callTimedOut(Call<?> call, Throwable cause) {
    return new ImageKitTimeoutException(
        call.describe()
            + ": no result within the call timeout of "
            + callTimeout.toMillis()
            + " ms",
        ImageKitTimeoutException.Scope.CALL,
        callTimeout,
        cause);
  }

  private void logAttempt(
      Call<?> call, String attempt, long started, ResponseMetadata metadata, Throwable failure) {
    if (!LOG.isLoggable(Level.DEBUG)) {
      return;
    }
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
        attempt,
        // As text: MessageFormat writes numbers of 1,000 and more grouped, in the locale's way.
        Integer.toString(retryPolicy.maxAttempts()),
        Long.toString(millis),
        ikRequestId,
        transport.name());
  }

  /** What one attempt came to: a value, or an error with whether and how long to wait to retry. */
  private static final class Outcome<T> {
    final T value;
    final ImageKitException error;
    final boolean retryable;
    final Duration requestedWait;
    final int requestsSent;

    private Outcome(
        T value,
        ImageKitException error,
        boolean retryable,
        Duration requestedWait,
        int requestsSent) {
      this.value = value;
      this.error = error;
      this.retryable = retryable;
      this.requestedWait = requestedWait;
      this.requestsSent = requestsSent;
    }

    /** Returns this outcome of an exchange that put the request on the wire {@code times}. */
    Outcome<T> sent(int times) {
      return times == requestsSent
          ? this
          : new Outcome<>(value, error, retryable, requestedWait, times);
    }

    static <T> Outcome<T> success(T value) {
      return new Outcome<>(value, null, false, null, 1);
    }

    static <T> Outcome<T> failure(
        ImageKitException error, boolean retryable, Duration requestedWait) {
      return new Outcome<>(null, error, retryable, requestedWait, 1);
    }
  }

  /** One non-blocking call: attempts chained on the transport's futures and the scheduler. */
  private final class AsyncRun<T> {

    private final Call<T> call;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long deadline;
    private final InFlight inFlight = new InFlight(result);

    AsyncRun(Call<T> call, long deadline) {
      this.call = call;
      this.deadline = deadline;
    }

    CompletableFuture<T> start() {
      Deadlines.Deadline guard =
          Deadlines.at(deadline, () -> result.completeExceptionally(callTimedOut(call, null)));
      result.whenComplete((value, error) -> guard.cancel());
      attempt(1);
      return result;
    }

    private void attempt(int attempt) {
      if (result.isDone()) {
        return;
      }
      long started = System.nanoTime();
      long remaining = deadline - started;
      if (remaining <= 0) {
        result.completeExceptionally(callTimedOut(call, null));
        return;
      }
      boolean clipped = remaining < attemptTimeoutNanos;
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
        result.completeExceptionally(e);
        return;
      }
      inFlight.exchange(exchange);
      if (result.isDone()) {
        return;
      }
      exchange.whenComplete(
          (response, failure) -> {
            try {
              Outcome<T> outcome =
                  failure == null
                      ? onResponse(call, request, response, attempt, started, clipped)
                      : onFailure(call, unwrap(failure), attempt, started, clipped);
              settle(outcome, attempt);
            } catch (Throwable unexpected) {
              result.completeExceptionally(unexpected);
            }
          });
    }

    private void settle(Outcome<T> outcome, int attempt) {
      if (outcome.error == null) {
        result.complete(outcome.value);
        return;
      }
      if (result.isDone()) {
        return;
      }
      int last = attempt + outcome.requestsSent - 1;
      long delay = retryDelay(outcome, last, deadline);
      if (delay < 0) {
        result.completeExceptionally(outcome.error);
        return;
      }
      inFlight.step(Scheduler.schedule(() -> attempt(last + 1), delay));
    }

    private Throwable unwrap(Throwable failure) {
      Throwable current = failure;
      while ((current instanceof CompletionException || current instanceof ExecutionException)
          && current.getCause() != null) {
        current = current.getCause();
      }
      if (current instanceof CancellationException) {
        return new HttpTransportException(HttpTransportException.Kind.IO, "cancelled", current);
      }
      return current;
    }
  }
}
