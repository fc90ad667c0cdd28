package io.github.ikpurge.spi;

import java.io.IOException;
import java.util.Objects;

/**
 * A transport's failure to complete an exchange, with the {@link Kind} the client decides on:
 * whether to retry, and which error to raise.
 */
public final class HttpTransportException extends IOException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the client needs to know. */
  public enum Kind {
    /** No connection was made (refused, unreachable, connect timeout): nothing was sent. */
    CONNECT,
    /** The attempt's time limit ran out; the request may have been processed. */
    TIMEOUT,
    /** The TLS handshake failed. */
    TLS,
    /** The response body was longer than {@link TransportRequest#maxResponseBytes()}. */
    RESPONSE_TOO_LARGE,
    /** Any other failure once connected, such as a reset or a body cut short. */
    IO
  }

  /** What went wrong. */
  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message a description
   * @param cause the library's exception, or null
   * @throws NullPointerException if {@code kind} is null
   */
  public HttpTransportException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Wraps an I/O exception of a library that has no finer mapping: {@link
   * java.net.ConnectException} and {@link java.net.NoRouteToHostException} become {@link
   * Kind#CONNECT}, {@link java.net.SocketTimeoutException} {@link Kind#TIMEOUT}, {@link
   * javax.net.ssl.SSLException} {@link Kind#TLS}, anything else {@link Kind#IO}. An {@code
   * HttpTransportException} is returned as it is.
   *
   * @param exception the library's exception
   * @return the exception with its kind
   */
  public static HttpTransportException classify(IOException exception) {
    Objects.requireNonNull(exception, "exception");
    if (exception instanceof HttpTransportException known) {
      return known;
    }
    Kind kind;
    if (exception instanceof java.net.ConnectException
        || exception instanceof java.net.NoRouteToHostException
        || exception instanceof java.net.UnknownHostException) {
      kind = Kind.CONNECT;
    } else if (exception instanceof java.net.SocketTimeoutException) {
      kind = Kind.TIMEOUT;
    } else if (exception instanceof javax.net.ssl.SSLException) {
      kind = Kind.TLS;
    } else {
      kind = Kind.IO;
    }
    String message = exception.getMessage();
    return new HttpTransportException(
        kind, message != null ? message : exception.getClass().getSimpleName(), exception);
  }

  /** {@return what went wrong} */
  public Kind kind() {
    return kind;
  }
}
