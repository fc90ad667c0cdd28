package io.github.ikpurge.internal;

import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.spi.HttpTransportException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns what an exchange failed with into the attempt's outcome: the typed exception, with the
 * transport's failure as its cause, and whether the call may try again. The one place that reads a
 * failure's cause chain; its counterpart for responses is {@link ResponseMapper}.
 */
final class FailureMapper {

  private final String transportName;
  private final Duration attemptTimeout;
  private final Duration callTimeout;
  private final int maxResponseBytes;
  private final int maxResponseHeaderBytes;
  private final String proxyHost;

  FailureMapper(String transportName, ClientSettings settings) {
    this.transportName = transportName;
    this.attemptTimeout = settings.attemptTimeout();
    this.callTimeout = settings.callTimeout();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.maxResponseHeaderBytes = settings.maxResponseHeaderBytes();
    this.proxyHost =
        settings.transportOptions().proxy().map(proxy -> proxy.getHostString()).orElse(null);
  }

  /** Says which name did not resolve: the API's host, or its proxy's, when one is set. */
  private String unresolvedHost(Call<?> call) {
    return proxyHost == null
        ? "could not resolve the host "
            + call.uri.getHost()
            + ": the name lookup failed (check the base URI and this machine's DNS)"
        : "could not resolve the host "
            + call.uri.getHost()
            + " or the proxy "
            + proxyHost
            + ": the name lookup failed (check the base URI, the proxy and this machine's DNS)";
  }

  /**
   * Returns the failure a future's {@link CompletionException} or {@link ExecutionException} wraps,
   * however deep; any other throwable as it is.
   */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Returns what a transport's exchange failed with, as the engine decides on it: unwrapped, and a
   * cancelled exchange (which the engine did not cancel itself) as an I/O failure.
   */
  static Throwable exchangeFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof CancellationException) {
      return new HttpTransportException(HttpTransportException.Kind.IO, "cancelled", cause);
    }
    return cause;
  }

  /**
   * Returns whether a failure to connect was a name that did not resolve, however its library wraps
   * that: JDK's HttpClient as an {@link UnresolvedAddressException} inside a {@code
   * ConnectException}, the others as an {@link UnknownHostException}.
   */
  private static boolean unresolved(Throwable failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 16; depth++, current = current.getCause()) {
      if (current instanceof UnknownHostException
          || current instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The outcome of a transport that threw what no transport may: neither retried nor hidden. */
  <T> Outcome<T> unexpected(Call<T> call, Throwable failure) {
    return Outcome.failure(
        new ConnectionException(
            call.describe() + ": transport " + transportName + " failed unexpectedly: " + failure,
            ConnectionException.Reason.IO,
            failure),
        false);
  }

  /**
   * The outcome of an exchange that failed with an I/O exception.
   *
   * @param call the call
   * @param io what the transport threw
   * @param classified {@code io} with its kind
   * @param attempts the attempt, or the range of attempts the library's own re-sends made of it
   * @param callDeadline whether the time limit of the attempt was the call's deadline, so that its
   *     timeout ends the call
   */
  <T> Outcome<T> outcome(
      Call<T> call,
      IOException io,
      HttpTransportException classified,
      String attempts,
      boolean callDeadline) {
    int sent = classified.requestsSent();
    String where =
        call.describe()
            + " (attempt "
            + attempts
            + (sent == 1 ? "" : ", sent " + sent + " times by " + transportName)
            + ")";
    return kindOutcome(call, io, classified.kind(), where, callDeadline).sent(sent);
  }

  private <T> Outcome<T> kindOutcome(
      Call<T> call,
      IOException io,
      HttpTransportException.Kind kind,
      String where,
      boolean callDeadline) {
    String authority = call.uri.getAuthority();
    return switch (kind) {
      case TIMEOUT ->
          callDeadline
              ? Outcome.failure(callTimedOut(call, io), false)
              : Outcome.failure(
                  new ImageKitTimeoutException(
                      where
                          + ": no complete response within the attempt timeout of "
                          + attemptTimeout.toMillis()
                          + " ms",
                      ImageKitTimeoutException.Scope.ATTEMPT,
                      attemptTimeout,
                      io),
                  call.idempotent);
      case CONNECT ->
          Outcome.failure(
              new ConnectionException(
                  unresolved(io)
                      ? where + ": " + unresolvedHost(call)
                      : where + ": could not connect to " + authority + ": " + io.getMessage(),
                  ConnectionException.Reason.CONNECT,
                  io),
              true);
      case TLS ->
          Outcome.failure(
              new ConnectionException(
                  where + ": TLS with " + authority + " failed: " + io.getMessage(),
                  ConnectionException.Reason.TLS,
                  io),
              false);
      case RESPONSE_TOO_LARGE ->
          Outcome.failure(
              new ResponseTooLargeException(
                  where
                      + ": the response body is larger than the limit of "
                      + maxResponseBytes
                      + " bytes",
                  maxResponseBytes,
                  io),
              false);
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
              false);
      case PROTOCOL ->
          Outcome.failure(
              new ConnectionException(
                  where + ": the response is not valid HTTP: " + io.getMessage(),
                  ConnectionException.Reason.PROTOCOL,
                  io),
              call.idempotent);
      case IO ->
          Outcome.failure(
              new ConnectionException(
                  where + ": the exchange failed: " + io.getMessage(),
                  ConnectionException.Reason.IO,
                  io),
              call.idempotent);
    };
  }

  /**
   * The error of a call whose rate-limit slot comes at or after its deadline: the account's limit,
   * or a 429 that holds every sender, leaves it no time to be sent.
   */
  ImageKitTimeoutException heldPastDeadline(Call<?> call, long slotNanos, long remainingNanos) {
    return new ImageKitTimeoutException(
        call.describe()
            + " was not sent: the account's rate limit gives it a slot "
            + TimeUnit.NANOSECONDS.toMillis(slotNanos)
            + " ms from now, after the call's deadline, "
            + TimeUnit.NANOSECONDS.toMillis(remainingNanos)
            + " ms from now",
        ImageKitTimeoutException.Scope.RATE_LIMIT,
        callTimeout,
        null);
  }

  /** The error of a call that reached its deadline. */
  ImageKitTimeoutException callTimedOut(Call<?> call, Throwable cause) {
    return new ImageKitTimeoutException(
        call.describe()
            + ": no result within the call timeout of "
            + callTimeout.toMillis()
            + " ms",
        ImageKitTimeoutException.Scope.CALL,
        callTimeout,
        cause);
  }
}
