package io.github.ikpurge.error;

import io.github.ikpurge.domain.ResponseMetadata;
import java.util.Optional;

/**
 * The root of every error this SDK throws. Unchecked. Where a response was received, it stays on
 * the exception: {@link #response()} gives its HTTP status, headers, raw body and {@code
 * x-ik-requestId}; the underlying failure stays as the cause.
 */
public sealed class ImageKitException extends RuntimeException
    permits ApiException,
        BulkPurgeException,
        CompletionTimeoutException,
        ConfigurationException,
        ConnectionException,
        ImageKitTimeoutException,
        MalformedResponseException,
        ResponseTooLargeException {

  private static final long serialVersionUID = 1L;

  private final transient ResponseMetadata response;

  /**
   * Creates an error with no response.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public ImageKitException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * Creates an error.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   * @param response the response received, or null when none was
   */
  public ImageKitException(String message, Throwable cause, ResponseMetadata response) {
    super(message, cause);
    this.response = response;
  }

  /** {@return the response that led to this error, when one was received} */
  public Optional<ResponseMetadata> response() {
    return Optional.ofNullable(response);
  }

  /** {@return ImageKit's {@code x-ik-requestId} for the response, for support tickets} */
  public Optional<String> ikRequestId() {
    return response == null ? Optional.empty() : response.ikRequestId();
  }
}
