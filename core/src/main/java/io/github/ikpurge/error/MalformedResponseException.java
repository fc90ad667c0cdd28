package io.github.ikpurge.error;

import io.github.ikpurge.domain.ResponseMetadata;
import java.util.Objects;

/**
 * A successful status came with a body that is not what the API documents: not JSON, not an object,
 * or a field missing or of the wrong type. The raw body is kept on {@link #response()}.
 */
public final class MalformedResponseException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong with the body
   * @param response the response received
   * @param cause the parser's exception, or null
   * @throws NullPointerException if {@code response} is null
   */
  public MalformedResponseException(String message, ResponseMetadata response, Throwable cause) {
    super(message, cause, Objects.requireNonNull(response, "response"));
  }
}
