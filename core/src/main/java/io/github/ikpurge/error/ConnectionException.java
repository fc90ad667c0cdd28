package io.github.ikpurge.error;

import java.util.Objects;

/**
 * No usable response arrived: the connection was refused, TLS failed, or the exchange broke off.
 * The transport's exception is the cause.
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
    IO
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
