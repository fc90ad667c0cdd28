package io.github.ikpurge.error;

import java.util.Objects;

/**
 * No usable response arrived: the connection was refused, TLS failed, the exchange broke off, or
 * what came back was not readable HTTP. The transport's exception is the cause.
 */
public final class ConnectionException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /** What kind of failure it was. */
  public enum Reason {
    /** No connection could be made; the request was surely not sent. */
    CONNECT,
    /** The TLS handshake failed, for example on an untrusted certificate. */
    TLS,
    /** The exchange failed after the connection was made, for example a reset. */
    IO,
    /**
     * The response broke HTTP's rules so that it could not be read: a malformed status line or
     * header, conflicting {@code Content-Length} values, bad chunking. The request may have been
     * processed.
     */
    PROTOCOL
  }

  /** What kind of failure it was. */
  private final Reason reason;

  /**
   * Creates the error.
   *
   * @param message what failed
   * @param reason what kind of failure it was
   * @param cause the transport's exception
   * @throws NullPointerException if {@code reason} is null
   */
  public ConnectionException(String message, Reason reason, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return what kind of failure it was} */
  public Reason reason() {
    return reason;
  }
}
