package io.github.ikpurge.spi;

import io.github.ikpurge.domain.Headers;
import java.util.Objects;

/** One HTTP response as a transport delivers it: status, headers and the whole body. Immutable. */
public final class TransportResponse {

  private static final byte[] NO_BYTES = new byte[0];

  private final int statusCode;
  private final Headers headers;
  private final byte[] body;

  private TransportResponse(int statusCode, Headers headers, byte[] body) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Returns a response. The body array is copied.
   *
   * @param statusCode the HTTP status code
   * @param headers the response headers
   * @param body the body; null or empty for none
   * @return the response
   * @throws NullPointerException if {@code headers} is null
   * @throws IllegalArgumentException if {@code statusCode} is not three digits, 100 to 999: any
   *     status a status line can carry, including those HTTP does not define, which the client
   *     reports as they are
   */
  public static TransportResponse of(int statusCode, Headers headers, byte[] body) {
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("statusCode must be 100 to 999, was " + statusCode);
    }
    Objects.requireNonNull(headers, "headers");
    return new TransportResponse(
        statusCode, headers, body == null || body.length == 0 ? NO_BYTES : body.clone());
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the response headers} */
  public Headers headers() {
    return headers;
  }

  /** {@return a copy of the body; empty when there was none} */
  public byte[] body() {
    return body.length == 0 ? body : body.clone();
  }

  /** {@return the length of the body in bytes} */
  public int bodyLength() {
    return body.length;
  }

  @Override
  public String toString() {
    return "TransportResponse{statusCode="
        + statusCode
        + ", headers="
        + headers
        + ", body="
        + body.length
        + " bytes}";
  }
}
