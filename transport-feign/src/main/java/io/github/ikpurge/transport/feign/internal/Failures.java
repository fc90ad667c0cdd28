package io.github.ikpurge.transport.feign.internal;

import feign.FeignException;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Maps what a Feign client threw to the SPI's failure kinds. */
final class Failures {

  private Failures() {}

  /**
   * Returns the failure to report for an exchange that ended in {@code failure}: an abort decides
   * the kind, else the unwrapped cause does.
   *
   * @param failure what the client or the reader threw
   * @param state the exchange's final state
   * @param exchange the exchange
   * @return the failure, with its kind
   */
  static IOException of(Throwable failure, Exchange.State state, Exchange exchange) {
    if (state == Exchange.State.CANCELLED) {
      return new HttpTransportException(Kind.IO, "the exchange was aborted", failure);
    }
    Throwable cause = unwrap(failure);
    if (cause instanceof IOException io) {
      return classify(io, exchange.connectClipped());
    }
    return new HttpTransportException(Kind.IO, "the Feign client failed: " + cause, cause);
  }

  /**
   * Strips Feign's and the concurrency library's wrappers (a {@code RetryableException} around a
   * refused connection, say) down to the I/O failure underneath, when there is one.
   */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof FeignException
            || current instanceof UncheckedIOException
            || current instanceof CompletionException
            || current instanceof ExecutionException)
        && current.getCause() != null
        && current.getCause() != current) {
      current = current.getCause();
    }
    if (!(current instanceof IOException)) {
      for (Throwable cause = current.getCause();
          cause != null && cause != current;
          cause = cause.getCause()) {
        if (cause instanceof IOException) {
          return cause;
        }
      }
    }
    return current;
  }

  /**
   * Gives an I/O failure its kind. A connect timeout is CONNECT (nothing was sent) unless the
   * deadline had cut it short, which makes it the attempt's TIMEOUT.
   */
  static HttpTransportException classify(IOException failure, boolean connectClipped) {
    if (failure instanceof HttpTransportException known) {
      return known;
    }
    String message =
        failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    if (failure instanceof SocketTimeoutException) {
      // HttpURLConnection says "Connect timed out" or "Read timed out"; the type is the same.
      boolean connecting = message.toLowerCase(Locale.ROOT).contains("connect");
      return connecting && !connectClipped
          ? new HttpTransportException(Kind.CONNECT, "connect timed out: " + message, failure)
          : new HttpTransportException(Kind.TIMEOUT, message, failure);
    }
    if (hasCause(failure, SSLException.class)) {
      return new HttpTransportException(Kind.TLS, message, failure);
    }
    if (hasCause(failure, ConnectException.class)
        || hasCause(failure, NoRouteToHostException.class)
        || hasCause(failure, UnknownHostException.class)
        || hasCause(failure, PortUnreachableException.class)
        // A client on java.net.http (feign-java11); matched by name so this module needs no
        // java.net.http, which some runtimes lack.
        || hasCauseNamed(failure, "java.net.http.HttpConnectTimeoutException")) {
      return new HttpTransportException(Kind.CONNECT, "connection failed: " + message, failure);
    }
    if (hasCauseNamed(failure, "java.net.http.HttpTimeoutException")) {
      return new HttpTransportException(Kind.TIMEOUT, message, failure);
    }
    ProtocolException protocol = find(failure, ProtocolException.class);
    if (protocol != null) {
      // HttpURLConnection's own limit, jdk.http.maxHeaderSize (384 KiB by default).
      return new HttpTransportException(
          String.valueOf(protocol.getMessage()).startsWith("Header size too big")
              ? Kind.HEADERS_TOO_LARGE
              : Kind.PROTOCOL,
          message,
          failure);
    }
    if (message.startsWith("Invalid status(")
        // HttpURLConnection's ChunkedInputStream, on a chunk size it cannot read.
        || message.startsWith("Bogus chunk size")) {
      // Feign's Client.Default, when HttpURLConnection could not read a status line.
      return new HttpTransportException(Kind.PROTOCOL, message, failure);
    }
    return new HttpTransportException(Kind.IO, message, failure);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCauseNamed(Throwable failure, String className) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
