package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Maps what {@link java.net.HttpURLConnection} threw to the SPI's failure kinds. */
final class UrlConnectionFailures {

  private UrlConnectionFailures() {}

  /**
   * Gives an I/O failure its kind. A connect timeout is CONNECT (nothing was sent) unless the
   * request's time limit had cut it short, which makes it the attempt's TIMEOUT.
   *
   * @param failure what HttpURLConnection threw
   * @param connectClipped whether the connect timeout was the request's time limit
   * @return the failure with its kind
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
        || hasCause(failure, PortUnreachableException.class)) {
      return new HttpTransportException(Kind.CONNECT, "connection failed: " + message, failure);
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
    if (message.startsWith("Bogus chunk size")) {
      // HttpURLConnection's ChunkedInputStream, on a chunk size it cannot read.
      return new HttpTransportException(Kind.PROTOCOL, message, failure);
    }
    return new HttpTransportException(Kind.IO, message, failure);
  }

  /**
   * Returns whether HttpURLConnection sent this request a second time by itself before failing: it
   * does so once, on a new connection, for a request it does not stream (every GET here), when
   * reading the response head fails with anything but a timeout (a reset, an early end of stream, a
   * header section over {@code jdk.http.maxHeaderSize}). No setting turns that off for a GET; the
   * client counts both sends as attempts. A request with a body is streamed and never re-sent.
   *
   * @param streamed whether the request went out in streaming mode
   * @param failure what reading the response head failed with
   * @return whether the request went out twice
   */
  static boolean resent(boolean streamed, IOException failure) {
    if (streamed
        || failure instanceof SocketTimeoutException
        || failure instanceof HttpTransportException) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SSLException) {
        return false;
      }
    }
    return true;
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
    return find(failure, type) != null;
  }
}
