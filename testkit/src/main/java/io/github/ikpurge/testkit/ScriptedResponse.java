package io.github.ikpurge.testkit;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response the simulator serves instead of its own behaviour, once, to the next request that
 * matches: status, headers, body and a delay before answering. Immutable.
 *
 * <pre>{@code
 * simulator.enqueue(Endpoint.STATUS, ScriptedResponse.status(503).withDelay(Duration.ofMillis(50)));
 * }</pre>
 */
public final class ScriptedResponse {

  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final Duration delay;

  private ScriptedResponse(int status, Headers headers, byte[] body, Duration delay) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.delay = delay;
  }

  /**
   * Returns a response with this status, no body and no delay.
   *
   * @param status an HTTP status code, 100 to 599
   * @return the response
   */
  public static ScriptedResponse status(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599, was " + status);
    }
    return new ScriptedResponse(status, Headers.empty(), new byte[0], Duration.ZERO);
  }

  /**
   * Returns a response with this status and a JSON body, sent as {@code application/json}.
   *
   * @param status an HTTP status code
   * @param json the body text
   * @return the response
   */
  public static ScriptedResponse json(int status, String json) {
    return status(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(json);
  }

  /**
   * Returns an ImageKit error response: {@code {"message": ..., "help": ...}}.
   *
   * @param status an HTTP status code
   * @param message the message
   * @param help the help text, or null to leave it out
   * @return the response
   */
  public static ScriptedResponse error(int status, String message, String help) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("message", Objects.requireNonNull(message, "message"));
    if (help != null) {
      fields.put("help", help);
    }
    return json(
        status, new String(JsonCodec.builtIn().writeObject(fields), StandardCharsets.UTF_8));
  }

  /**
   * Returns a copy with a header added.
   *
   * @param name the header name
   * @param value the value
   * @return the new response
   */
  public ScriptedResponse withHeader(String name, String value) {
    return new ScriptedResponse(status, headers.toBuilder().add(name, value).build(), body, delay);
  }

  /**
   * Returns a copy with this body, as UTF-8.
   *
   * @param body the body text
   * @return the new response
   */
  public ScriptedResponse withBody(String body) {
    return withBody(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a copy with this body.
   *
   * @param body the body bytes
   * @return the new response
   */
  public ScriptedResponse withBody(byte[] body) {
    return new ScriptedResponse(
        status, headers, Objects.requireNonNull(body, "body").clone(), delay);
  }

  /**
   * Returns a copy that waits this long before answering.
   *
   * @param delay zero or more
   * @return the new response
   */
  public ScriptedResponse withDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return new ScriptedResponse(status, headers, body, delay);
  }

  /** Returns the status code. */
  public int statusCode() {
    return status;
  }

  /** Returns the headers. */
  public Headers headers() {
    return headers;
  }

  /** Returns a copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the delay before answering. */
  public Duration delay() {
    return delay;
  }

  byte[] bodyBytes() {
    return body;
  }

  @Override
  public String toString() {
    return "ScriptedResponse{status="
        + status
        + ", headers="
        + headers
        + ", body="
        + body.length
        + " bytes, delay="
        + delay.toMillis()
        + "ms}";
  }
}
