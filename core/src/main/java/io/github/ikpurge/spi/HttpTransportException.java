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
    /**
     * The response's header section was larger than {@link
     * TransportRequest#maxResponseHeaderBytes()}, or than the library's own limit.
     */
    HEADERS_TOO_LARGE,
    /**
     * The response broke HTTP's rules so that it cannot be read or framed: a malformed status line
     * or header line, conflicting or invalid {@code Content-Length}, bad chunking, an unsolicited
     * protocol switch. The request may have been processed.
     */
    PROTOCOL,
    /** Any other failure once connected, such as a reset or a body cut short. */
    IO
  }

  /** What went wrong. */
  private final Kind kind;

  /** How many times the library put the request on the wire in this exchange. */
  private final int requestsSent;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message a description
   * @param cause the library's exception, or null
   * @throws NullPointerException if {@code kind} is null
   */
  public HttpTransportException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, 1);
  }

  /**
   * Creates the exception for an exchange in which the library sent the request more than once by
   * itself (the JDK's clients re-send a {@code GET} once when the connection fails before the
   * response), so that the client counts every request that went on the wire as an attempt.
   *
   * @param kind what went wrong
   * @param message a description
   * @param cause the library's exception, or null
   * @param requestsSent how many times the request was sent, at least 1
   * @throws NullPointerException if {@code kind} is null
   * @throws IllegalArgumentException if {@code requestsSent} is less than 1
   */
  public HttpTransportException(Kind kind, String message, Throwable cause, int requestsSent) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    if (requestsSent < 1) {
      throw new IllegalArgumentException("requestsSent must be at least 1, was " + requestsSent);
    }
    this.requestsSent = requestsSent;
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

  /** {@return how many times the request went on the wire in this exchange; usually 1} */
  public int requestsSent() {
    return requestsSent;
  }
}
