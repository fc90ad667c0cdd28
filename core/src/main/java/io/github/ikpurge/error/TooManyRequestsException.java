package io.github.ikpurge.error;

import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.domain.ResponseMetadata;
import java.util.Objects;

/**
 * The API rate-limited the call (HTTP 429) and the wait it asked for did not fit in the call's
 * deadline, or retries were spent. {@link #rateLimit()} tells how long the server asked to wait.
 */
public final class TooManyRequestsException extends ApiException {

  private static final long serialVersionUID = 1L;

  private final transient RateLimit rateLimit;

  /**
   * Creates the error.
   *
   * @param response the response received
   * @param apiMessage the {@code message} of the error body, or null
   * @param help the {@code help} of the error body, or null
   * @param rateLimit the rate-limit headers of the response
   * @throws NullPointerException if {@code response} or {@code rateLimit} is null
   */
  public TooManyRequestsException(
      ResponseMetadata response, String apiMessage, String help, RateLimit rateLimit) {
    super(response, apiMessage, help);
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /** {@return the rate-limit state the response reported} */
  public RateLimit rateLimit() {
    return rateLimit;
  }
}
