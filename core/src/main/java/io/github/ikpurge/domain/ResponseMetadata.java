package io.github.ikpurge.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What an API response carried besides its meaning: HTTP status, headers and the raw body text.
 * Kept on every result and on every error that had a response, for logs and support tickets.
 * Immutable.
 */
public final class ResponseMetadata {

  /** The header in which ImageKit names each response, for support tickets. */
  public static final String IK_REQUEST_ID_HEADER = "x-ik-requestId";

  private final int statusCode;
  private final Headers headers;
  private final String rawBody;

  private ResponseMetadata(int statusCode, Headers headers, String rawBody) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.rawBody = rawBody;
  }

  /**
   * Returns the metadata of a response.
   *
   * @param statusCode the HTTP status code, 100 to 999
   * @param headers the response headers
   * @param rawBody the body as text; empty when there was none
   * @return the metadata
   * @throws NullPointerException if {@code headers} or {@code rawBody} is null
   * @throws IllegalArgumentException if {@code statusCode} is outside 100 to 999
   */
  public static ResponseMetadata of(int statusCode, Headers headers, String rawBody) {
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("statusCode must be 100 to 999, was " + statusCode);
    }
    return new ResponseMetadata(
        statusCode,
        Objects.requireNonNull(headers, "headers"),
        Objects.requireNonNull(rawBody, "rawBody"));
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the response headers} */
  public Headers headers() {
    return headers;
  }

  /** {@return the response body as text (UTF-8, malformed bytes replaced); empty when none} */
  public String rawBody() {
    return rawBody;
  }

  /** {@return the {@value #IK_REQUEST_ID_HEADER} header, ImageKit's name for this response} */
  public Optional<String> ikRequestId() {
    return headers.firstValue(IK_REQUEST_ID_HEADER);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResponseMetadata that
        && statusCode == that.statusCode
        && headers.equals(that.headers)
        && rawBody.equals(that.rawBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, headers, rawBody);
  }

  @Override
  public String toString() {
    return "ResponseMetadata{statusCode="
        + statusCode
        + ", ikRequestId="
        + ikRequestId().orElse("-")
        + ", bodyLength="
        + rawBody.length()
        + '}';
  }
}
