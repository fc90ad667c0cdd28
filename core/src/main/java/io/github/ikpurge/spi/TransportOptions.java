package io.github.ikpurge.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Connection settings a {@link TransportProvider} builds a transport from: connect timeout,
 * connection pool size, HTTP proxy, TLS context and user agent. Immutable.
 */
public final class TransportOptions {

  /** The connect timeout used when none is set: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The pool size used when none is set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  private final Duration connectTimeout;
  private final int maxConnections;
  private final InetSocketAddress proxy;
  private final SSLContext sslContext;
  private final String userAgent;

  private TransportOptions(Builder builder) {
    this.connectTimeout = builder.connectTimeout;
    this.maxConnections = builder.maxConnections;
    this.proxy = builder.proxy;
    this.sslContext = builder.sslContext;
    this.userAgent = builder.userAgent;
  }

  /** {@return the default options} */
  public static TransportOptions defaults() {
    return builder().build();
  }

  /** {@return a builder of options} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options} */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .connectTimeout(connectTimeout)
            .maxConnections(maxConnections)
            .proxy(proxy)
            .sslContext(sslContext);
    builder.userAgent = userAgent;
    return builder;
  }

  /** {@return how long to wait for a connection to open} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the most connections to keep open at once} */
  public int maxConnections() {
    return maxConnections;
  }

  /** {@return the HTTP proxy to connect through, if any} */
  public Optional<InetSocketAddress> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** {@return the TLS context to use instead of the JDK's default, if any} */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /**
   * {@return the {@code User-Agent} to send on a request that carries none, if set} The client sets
   * it, to its own product token unless the user chose one; when empty the library's own applies.
   */
  public Optional<String> userAgent() {
    return Optional.ofNullable(userAgent);
  }

  @Override
  public String toString() {
    return "TransportOptions{connectTimeout="
        + connectTimeout.toMillis()
        + "ms, maxConnections="
        + maxConnections
        + ", proxy="
        + (proxy == null ? "none" : proxy.getHostString() + ':' + proxy.getPort())
        + ", sslContext="
        + (sslContext == null ? "default" : sslContext.getProtocol())
        + ", userAgent="
        + (userAgent == null ? "unset" : userAgent)
        + '}';
  }

  /** Builds {@link TransportOptions}. Not thread-safe. */
  public static final class Builder {

    /** The longest span a {@link System#nanoTime()} clock counts, about 292 years. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private InetSocketAddress proxy;
    private SSLContext sslContext;
    private String userAgent;

    private Builder() {}

    /**
     * Sets how long to wait for a connection to open.
     *
     * @param connectTimeout a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException(
            "connectTimeout must be positive, was " + connectTimeout);
      }
      if (connectTimeout.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException(
            "connectTimeout must be at most "
                + LONGEST
                + " (what a clock of nanoseconds counts), was "
                + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Sets the most connections to keep open at once.
     *
     * @param maxConnections at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets an HTTP proxy to connect through; null for a direct connection.
     *
     * @param proxy the proxy's address, or null
     * @return this builder
     */
    public Builder proxy(InetSocketAddress proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * Sets the TLS context, for example one that trusts a private certificate; null for the JDK's
     * default.
     *
     * @param sslContext the context, or null
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Sets the {@code User-Agent} to send.
     *
     * @param userAgent a non-blank product token
     * @return this builder
     * @throws IllegalArgumentException if it is blank or holds a line break
     */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank() || userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("userAgent must be a non-blank single line");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** {@return the options} */
    public TransportOptions build() {
      return new TransportOptions(this);
    }
  }
}
