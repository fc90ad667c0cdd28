package io.github.ikpurge.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A time limit ran out: one attempt's, or the whole call's including its retries and its wait for a
 * turn with the rate limiter. Nothing in this SDK waits forever.
 */
public final class ImageKitTimeoutException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /** Which limit ran out. */
  public enum Scope {
    /** The limit of a single HTTP exchange. */
    ATTEMPT,
    /** The limit of the whole call, retries and waits included. */
    CALL,
    /**
     * The limit of the whole call, reached before the call's turn with the account's rate limiter:
     * nothing was sent, so the call can be made again without any risk of doing it twice.
     */
    RATE_LIMIT
  }

  /** Which limit ran out. */
  private final Scope scope;

  /** The limit that ran out. */
  private final Duration limit;

  /**
   * Creates the error.
   *
   * @param message what timed out
   * @param scope which limit ran out
   * @param limit the limit that ran out
   * @param cause the underlying failure, or null
   * @throws NullPointerException if {@code scope} or {@code limit} is null
   */
  public ImageKitTimeoutException(String message, Scope scope, Duration limit, Throwable cause) {
    super(message, cause);
    this.scope = Objects.requireNonNull(scope, "scope");
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /** {@return which limit ran out} */
  public Scope scope() {
    return scope;
  }

  /** {@return the limit that ran out} */
  public Duration limit() {
    return limit;
  }
}
