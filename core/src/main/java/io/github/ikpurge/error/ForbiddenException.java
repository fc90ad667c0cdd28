package io.github.ikpurge.error;

import io.github.ikpurge.domain.ResponseMetadata;

/** The key is not allowed this call, or an account limit was reached (HTTP 403). */
public final class ForbiddenException extends ApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param response the response received
   * @param apiMessage the {@code message} of the error body, or null
   * @param help the {@code help} of the error body, or null
   * @throws NullPointerException if {@code response} is null
   */
  public ForbiddenException(ResponseMetadata response, String apiMessage, String help) {
    super(response, apiMessage, help);
  }
}
