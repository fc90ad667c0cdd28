package io.github.ikpurge.testkit;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.json.BuiltInJsonCodec;
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
  private final Duration bodyDelay;
  private final boolean chunked;
  private final int cutAfter;
  private final boolean drop;

  private ScriptedResponse(
      int status,
      Headers headers,
      byte[] body,
      Duration delay,
      Duration bodyDelay,
      boolean chunked,
      int cutAfter,
      boolean drop) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.delay = delay;
    this.bodyDelay = bodyDelay;
    this.chunked = chunked;
    this.cutAfter = cutAfter;
    this.drop = drop;
  }

  private ScriptedResponse with(
      Headers headers,
      byte[] body,
      Duration delay,
      Duration bodyDelay,
      boolean chunked,
      int cutAfter) {
    return new ScriptedResponse(status, headers, body, delay, bodyDelay, chunked, cutAfter, drop);
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
    return new ScriptedResponse(
        status, Headers.empty(), new byte[0], Duration.ZERO, Duration.ZERO, false, -1, false);
  }

  /**
   * Returns a response that sends nothing at all: the connection is closed as soon as the request
   * has been read (after any {@link #withDelay(Duration) delay}).
   *
   * @return the response
   */
  public static ScriptedResponse dropConnection() {
    return new ScriptedResponse(
        500, Headers.empty(), new byte[0], Duration.ZERO, Duration.ZERO, false, -1, true);
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
        status, new String(BuiltInJsonCodec.create().writeObject(fields), StandardCharsets.UTF_8));
  }

  /**
   * Returns a copy with a header added. HTTP/1.1 carries a header value as bytes, one a character:
   * to send bytes above 0x7F (UTF-8 text, say), give each byte as the ISO-8859-1 character of that
   * value, as {@code new String(bytes, StandardCharsets.ISO_8859_1)} does.
   *
   * @param name the header name
   * @param value the value
   * @return the new response
   * @throws IllegalArgumentException if the name is empty, either holds CR, LF or NUL, or the value
   *     holds a character above U+00FF
   */
  public ScriptedResponse withHeader(String name, String value) {
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException(
            String.format(
                "the value of header %s holds U+%04X at index %d, which is not one byte on the"
                    + " wire; give its bytes as ISO-8859-1 characters",
                name, (int) c, i));
      }
    }
    return with(
        headers.toBuilder().add(name, value).build(), body, delay, bodyDelay, chunked, cutAfter);
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
    return with(
        headers, Objects.requireNonNull(body, "body").clone(), delay, bodyDelay, chunked, cutAfter);
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
    return with(headers, body, delay, bodyDelay, chunked, cutAfter);
  }

  /**
   * Returns a copy that sends the status and headers at once, then waits this long before the body:
   * a slow body, as opposed to {@link #withDelay(Duration) slow headers}.
   *
   * @param bodyDelay zero or more
   * @return the new response
   */
  public ScriptedResponse withBodyDelay(Duration bodyDelay) {
    Objects.requireNonNull(bodyDelay, "bodyDelay");
    if (bodyDelay.isNegative()) {
      throw new IllegalArgumentException("bodyDelay must not be negative, was " + bodyDelay);
    }
    return with(headers, body, delay, bodyDelay, chunked, cutAfter);
  }

  /**
   * Returns a copy sent with chunked transfer encoding, without a {@code Content-Length}.
   *
   * @return the new response
   */
  public ScriptedResponse withChunkedEncoding() {
    return with(headers, body, delay, bodyDelay, true, cutAfter);
  }

  /**
   * Returns a copy that announces the whole body but closes the connection after sending this many
   * bytes of it: a connection dropped mid-body.
   *
   * @param bytes how many body bytes to send, less than the body's length
   * @return the new response
   */
  public ScriptedResponse cutAfter(int bytes) {
    if (bytes < 0 || bytes >= body.length) {
      throw new IllegalArgumentException(
          "bytes must be 0 to " + (body.length - 1) + " for this body, was " + bytes);
    }
    return with(headers, body, delay, bodyDelay, chunked, bytes);
  }

  /** {@return the status code} */
  public int statusCode() {
    return status;
  }

  /** {@return the headers} */
  public Headers headers() {
    return headers;
  }

  /** {@return a copy of the body} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the delay before answering} */
  public Duration delay() {
    return delay;
  }

  /** {@return the wait between the headers and the body} */
  public Duration bodyDelay() {
    return bodyDelay;
  }

  /** {@return whether the body is sent with chunked transfer encoding} */
  public boolean isChunked() {
    return chunked;
  }

  /** {@return how many body bytes are sent before the connection is cut, or -1 for all} */
  public int cutAfterBytes() {
    return cutAfter;
  }

  /** {@return whether the connection is closed without any response} */
  public boolean dropsConnection() {
    return drop;
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
        + "ms"
        + (bodyDelay.isZero() ? "" : ", bodyDelay=" + bodyDelay.toMillis() + "ms")
        + (chunked ? ", chunked" : "")
        + (cutAfter >= 0 ? ", cutAfter=" + cutAfter : "")
        + (drop ? ", dropConnection" : "")
        + '}';
  }
}
