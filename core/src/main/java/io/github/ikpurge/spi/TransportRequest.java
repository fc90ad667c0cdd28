package io.github.ikpurge.spi;

import io.github.ikpurge.domain.Headers;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a transport sees it: method, absolute URI, headers, optional body, the
 * attempt's time limit and the largest response body to accept. Immutable; {@link #toString()}
 * masks credentials.
 */
public final class TransportRequest {

  private final String method;
  private final URI uri;
  private final Headers headers;
  private final byte[] body;
  private final Duration timeout;
  private final int maxResponseBytes;

  private TransportRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.headers = builder.headers;
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.maxResponseBytes = builder.maxResponseBytes;
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
        && maxResponseBytes == that.maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body), timeout, maxResponseBytes);
  }
}
