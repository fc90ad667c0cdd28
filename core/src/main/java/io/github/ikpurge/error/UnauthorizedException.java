package io.github.ikpurge.error;

import io.github.ikpurge.domain.ResponseMetadata;

/** The request carried no valid private key (HTTP 401). */
public final class UnauthorizedException extends ApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param response the response received
   * @param apiMessage the {@code message} of the error body, or null
   * @param help the {@code help} of the error body, or null
   * @throws NullPointerException if {@code response} is null
   */
  public UnauthorizedException(ResponseMetadata response, String apiMessage, String help) {
    super(response, apiMessage, help);
  }
}
