package io.github.ikpurge.error;

/** A response body was longer than the client's limit (1 MiB by default) and was refused unread. */
public final class ResponseTooLargeException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /** The limit the response passed, in bytes. */
  private final long limitBytes;

  /**
   * Creates the error.
   *
   * @param message what was refused
   * @param limitBytes the limit that was passed
   * @param cause the transport's exception, or null
   */
  public ResponseTooLargeException(String message, long limitBytes, Throwable cause) {
    super(message, cause);
    this.limitBytes = limitBytes;
  }

  /** {@return the limit, in bytes, that the response passed} */
  public long limitBytes() {
    return limitBytes;
  }
}
