package io.github.ikpurge.spi;

import io.github.ikpurge.domain.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a transport sees it: method, absolute URI, headers, optional body, the
 * attempt's time limit and the largest response body and header section to accept. Immutable;
 * {@link #toString()} masks credentials.
 */
public final class TransportRequest {

  private final String method;
  private final URI uri;
  private final Headers headers;
  private final byte[] body;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final int maxResponseHeaderBytes;

  private TransportRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.headers = builder.headers;
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.maxResponseHeaderBytes = builder.maxResponseHeaderBytes;
  }

  /** {@return a builder of requests} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this request's values} */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.method = method;
    builder.uri = uri;
    builder.headers = headers;
    builder.body = body;
    builder.timeout = timeout;
    builder.maxResponseBytes = maxResponseBytes;
    builder.maxResponseHeaderBytes = maxResponseHeaderBytes;
    return builder;
  }

  /** {@return the method, such as {@code GET} or {@code POST}} */
  public String method() {
    return method;
  }

  /** {@return the absolute URI} */
  public URI uri() {
    return uri;
  }

  /** {@return the headers to send} */
  public Headers headers() {
    return headers;
  }

  /** {@return a copy of the body, when there is one} */
  public Optional<byte[]> body() {
    return body == null ? Optional.empty() : Optional.of(body.clone());
  }

  /** {@return the time limit for the whole exchange: connecting, sending and reading the body} */
  public Duration timeout() {
    return timeout;
  }

  /** {@return the largest response body to accept, in bytes} */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * {@return the largest response header section to accept, in bytes, counted as {@link
   * io.github.ikpurge.domain.Headers#byteSize()} counts it} A transport refuses a larger one as
   * soon as it can, with {@link HttpTransportException.Kind#HEADERS_TOO_LARGE}; the client checks
   * it again on every response.
   */
  public int maxResponseHeaderBytes() {
    return maxResponseHeaderBytes;
  }

  /**
   * Checks a response's header section as soon as a transport has it, before the body is read: it
   * must fit {@link #maxResponseHeaderBytes()}, its field names must be tokens, and it must frame
   * its body one way only: at most one {@code Content-Length}, a whole number, and a {@code
   * Transfer-Encoding} of {@code chunked} alone, with no {@code Content-Length} beside it (RFC
   * 9112, section 6.3). A response that fails is not read further; its connection cannot be trusted
   * and must be closed. The client runs the same check again on every response, whatever the
   * transport did.
   *
   * @param headers the response's header fields
   * @throws HttpTransportException of kind {@link HttpTransportException.Kind#HEADERS_TOO_LARGE} or
   *     {@link HttpTransportException.Kind#PROTOCOL}
   */
  public void checkResponseHead(Headers headers) throws HttpTransportException {
    long size = headers.byteSize();
    if (size > maxResponseHeaderBytes) {
      throw new HttpTransportException(
          HttpTransportException.Kind.HEADERS_TOO_LARGE,
          "the header section takes " + size + " bytes, more than " + maxResponseHeaderBytes,
          null);
    }
    for (String name : headers.asMap().keySet()) {
      if (!isToken(name)) {
        throw protocolError("a header name that is not a token: \"" + name + '"');
      }
    }
    List<String> lengths = headers.allValues("Content-Length");
    String length = lengths.isEmpty() ? null : lengths.get(0).strip();
    if (lengths.size() > 1 || length != null && length.indexOf(',') >= 0) {
      // Even the same value twice: RFC 9110 lets a recipient refuse it, and one library does.
      throw protocolError("more than one Content-Length: " + String.join(", ", lengths));
    }
    if (length != null && !isContentLength(length)) {
      throw protocolError("an invalid Content-Length: \"" + length + '"');
    }
    List<String> codings = headers.allValues("Transfer-Encoding");
    if (!codings.isEmpty()) {
      if (codings.size() > 1 || !codings.get(0).strip().equalsIgnoreCase("chunked")) {
        throw protocolError("an unsupported Transfer-Encoding: " + String.join(", ", codings));
      }
      if (length != null) {
        throw protocolError("both Transfer-Encoding and Content-Length");
      }
    }
  }

  /** Whether a field name is an RFC 9110 token: visible ASCII but for delimiters. */
  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isContentLength(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static HttpTransportException protocolError(String message) {
    return new HttpTransportException(HttpTransportException.Kind.PROTOCOL, message, null);
  }

  @Override
  public String toString() {
    return method
        + ' '
        + uri
        + " headers="
        + headers
        + (body == null ? "" : " body=" + body.length + " bytes")
        + " timeout="
        + timeout.toMillis()
        + "ms";
  }

  /** Builds a {@link TransportRequest}. Not thread-safe. */
  public static final class Builder {

    private String method;
    private URI uri;
    private Headers headers = Headers.empty();
    private byte[] body;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxResponseBytes = 1 << 20;
    private int maxResponseHeaderBytes = 64 << 10;

    private Builder() {}

    /**
     * Sets the method.
     *
     * @param method an HTTP method token, such as {@code GET}
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets the absolute URI.
     *
     * @param uri the target
     * @return this builder
     */
    public Builder uri(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Sets the headers.
     *
     * @param headers the headers to send
     * @return this builder
     */
    public Builder headers(Headers headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /**
     * Sets the body; null for none. The array is copied.
     *
     * @param body the bytes to send, or null
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body == null ? null : body.clone();
      return this;
    }

    /**
     * Sets the time limit for the whole exchange.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the largest response body to accept.
     *
     * @param maxResponseBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the largest response header section to accept.
     *
     * @param maxResponseHeaderBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxResponseHeaderBytes(int maxResponseHeaderBytes) {
      this.maxResponseHeaderBytes = maxResponseHeaderBytes;
      return this;
    }

    /**
     * {@return the request}
     *
     * @throws NullPointerException if the method or URI was not set
     * @throws IllegalArgumentException if the URI is not absolute, or a limit is not positive
     */
    public TransportRequest build() {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("uri must be absolute, was " + uri);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException(
            "maxResponseBytes must be positive, was " + maxResponseBytes);
      }
      if (maxResponseHeaderBytes <= 0) {
        throw new IllegalArgumentException(
            "maxResponseHeaderBytes must be positive, was " + maxResponseHeaderBytes);
      }
      return new TransportRequest(this);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransportRequest that
        && method.equals(that.method)
        && uri.equals(that.uri)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && timeout.equals(that.timeout)
        && maxResponseBytes == that.maxResponseBytes
        && maxResponseHeaderBytes == that.maxResponseHeaderBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        method,
        uri,
        headers,
        Arrays.hashCode(body),
        timeout,
        maxResponseBytes,
        maxResponseHeaderBytes);
  }
}
