package io.github.ikpurge.testkit;

import io.github.ikpurge.domain.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A request the simulator received, as it arrived. Immutable. */
public final class RecordedRequest {

  private final String method;
  private final String requestTarget;
  private final String path;
  private final String rawQuery;
  private final Headers headers;
  private final byte[] body;
  private final Instant receivedAt;
  private final String ikRequestId;
  private final Fault fault;

  RecordedRequest(
      String method,
      String requestTarget,
      String path,
      String rawQuery,
      Headers headers,
      byte[] body,
      Instant receivedAt,
      String ikRequestId,
      Fault fault) {
    this.method = method;
    this.requestTarget = requestTarget;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.receivedAt = receivedAt;
    this.ikRequestId = ikRequestId;
    this.fault = fault;
  }

  /** {@return the fault the simulator played on this request, if any (rate limiting included)} */
  public Optional<Fault> fault() {
    return Optional.ofNullable(fault);
  }

  /** {@return the HTTP method} */
  public String method() {
    return method;
  }

  /**
   * {@return the request target as received: a path with its query, or a whole URI when the request
   * came through as to a proxy ({@code GET http://host/path})}
   */
  public String requestTarget() {
    return requestTarget;
  }

  /** {@return the raw (not decoded) path} */
  public String path() {
    return path;
  }

  /** {@return the raw query, or null when there was none} */
  public String rawQuery() {
    return rawQuery;
  }

  /** {@return the endpoint the request addressed} */
  public Endpoint endpoint() {
    return Endpoint.of(method, path);
  }

  /** {@return the request headers} */
  public Headers headers() {
    return headers;
  }

  /** {@return a copy of the body bytes} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the body as UTF-8 text} */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** {@return when the request arrived} */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** {@return the {@code x-ik-requestId} the simulator answered this request with} */
  public String ikRequestId() {
    return ikRequestId;
  }

  @Override
  public String toString() {
    return method
        + ' '
        + path
        + (rawQuery == null ? "" : "?" + rawQuery)
        + " ("
        + body.length
        + " bytes)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordedRequest that && ikRequestId.equals(that.ikRequestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ikRequestId);
  }
}
