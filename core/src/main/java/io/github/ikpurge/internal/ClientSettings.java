package io.github.ikpurge.internal;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.spi.TransportOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The validated settings of one client. Immutable; never shows the key. */
public final class ClientSettings {

  private final String authorization;
  private final URI baseUri;
  private final HttpTransport transport;
  private final String transportName;
  private final TransportOptions transportOptions;
  private final Duration attemptTimeout;
  private final Duration callTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxResponseBytes;
  private final int maxResponseHeaderBytes;
  private final JsonCodec jsonCodec;
  private final PollPolicy pollPolicy;
  private final boolean clearTextToLoopback;
  private final RateLimiter rateLimiter;
  private final List<CallListener> listeners;

  private ClientSettings(Builder builder, String authorization, URI baseUri) {
    this.authorization = authorization;
    this.baseUri = baseUri;
    this.clearTextToLoopback = baseUri.getScheme().equals("http") && !builder.allowInsecureHttp;
    this.transport = builder.transport;
    this.transportName = builder.transportName;
    // The transport is handed the SDK's product token unless the user chose a user agent.
    this.transportOptions =
        builder.transportOptions.userAgent().isPresent()
            ? builder.transportOptions
            : builder.transportOptions.toBuilder().userAgent(SdkVersion.USER_AGENT).build();
    this.attemptTimeout = builder.attemptTimeout;
    this.callTimeout = builder.callTimeout;
    this.retryPolicy = builder.retryPolicy;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.maxResponseHeaderBytes = builder.maxResponseHeaderBytes;
    this.jsonCodec = builder.jsonCodec;
    this.pollPolicy = builder.pollPolicy;
    this.listeners = List.copyOf(builder.listeners);
    if (builder.rateLimiter != null) {
      this.rateLimiter = builder.rateLimiter;
    } else {
      AccountPacer pacer = AccountPacers.forAccount(authorization, baseUri);
      if (builder.rateLimitRequests > 0) {
        pacer.limitTo(builder.rateLimitRequests, builder.rateLimitInterval);
      }
      this.rateLimiter = pacer;
    }
  }

  /** Returns a builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the {@code Authorization} header value for a private key: {@code Basic
   * base64("<key>:")}.
   */
  static String basicAuthorization(String privateKey) {
    byte[] credentials = (privateKey + ":").getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }

  String authorization() {
    return authorization;
  }

  URI baseUri() {
    return baseUri;
  }

  HttpTransport transport() {
    return transport;
  }

  /**
   * {@return whether plain http was allowed only because the host is this machine: then the request
   * must not leave it, through a proxy or otherwise}
   */
  boolean clearTextToLoopback() {
    return clearTextToLoopback;
  }

  String transportName() {
    return transportName;
  }

  TransportOptions transportOptions() {
    return transportOptions;
  }

  Duration attemptTimeout() {
    return attemptTimeout;
  }

  Duration callTimeout() {
    return callTimeout;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  int maxResponseBytes() {
    return maxResponseBytes;
  }

  int maxResponseHeaderBytes() {
    return maxResponseHeaderBytes;
  }

  JsonCodec jsonCodec() {
    return jsonCodec;
  }

  PollPolicy pollPolicy() {
    return pollPolicy;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  List<CallListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    return "ClientSettings{baseUri="
        + baseUri
        + ", privateKey=****, attemptTimeout="
        + attemptTimeout.toMillis()
        + "ms, callTimeout="
        + callTimeout.toMillis()
        + "ms, "
        + retryPolicy
        + ", "
        + pollPolicy
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", maxResponseHeaderBytes="
        + maxResponseHeaderBytes
        + '}';
  }

  /** Collects and validates client settings. Not thread-safe. */
  public static final class Builder {

    private String privateKey;
    private boolean privateKeyGiven;
    private URI baseUri = PurgeClient.DEFAULT_BASE_URI;
    private boolean allowInsecureHttp;
    private HttpTransport transport;
    private String transportName;
    private TransportOptions transportOptions = TransportOptions.defaults();
    private Duration attemptTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int maxResponseBytes = 1 << 20;
    private int maxResponseHeaderBytes = 64 << 10;
    private JsonCodec jsonCodec;
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private RateLimiter rateLimiter;
    private long rateLimitRequests;
    private Duration rateLimitInterval;
    private final List<CallListener> listeners = new ArrayList<>();
    private UnaryOperator<String> environment = System::getenv;

    private Builder() {}

    /** Sets the private key; checked in {@link #build()}. */
    public Builder privateKey(String privateKey) {
      this.privateKey = privateKey;
      this.privateKeyGiven = true;
      return this;
    }

    /** Sets the API address; checked in {@link #build()}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      return this;
    }

    /** Allows plain http to hosts other than loopback. */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /** Uses a transport the caller owns. */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Picks a discovered transport by name. */
    public Builder transportName(String name) {
      Objects.requireNonNull(name, "transport name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("transport name must not be blank");
      }
      this.transportName = name.strip().toLowerCase(Locale.ROOT);
      return this;
    }

    /** Sets the options a discovered transport is built with. */
    public Builder transportOptions(TransportOptions options) {
      this.transportOptions = Objects.requireNonNull(options, "transportOptions");
      return this;
    }

    /** Sets the time limit of one exchange. */
    public Builder attemptTimeout(Duration timeout) {
      this.attemptTimeout = positive(timeout, "attemptTimeout");
      return this;
    }

    /** Sets the time limit of a whole call. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /** Sets the retry policy. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /** Sets the largest response body accepted. */
    public Builder maxResponseBytes(int maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxBytes);
      }
      this.maxResponseBytes = maxBytes;
      return this;
    }

    /** Sets how waits for completion poll. */
    public Builder pollPolicy(PollPolicy policy) {
      this.pollPolicy = Objects.requireNonNull(policy, "pollPolicy");
      return this;
    }

    /** Sets the largest response header section accepted. */
    public Builder maxResponseHeaderBytes(int maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException(
            "maxResponseHeaderBytes must be positive, was " + maxBytes);
      }
      this.maxResponseHeaderBytes = maxBytes;
      return this;
    }

    /** Uses this codec instead of discovering one. */
    public Builder jsonCodec(JsonCodec codec) {
      this.jsonCodec = Objects.requireNonNull(codec, "jsonCodec");
      return this;
    }

    /** Sets the rate limiter every request reserves its slot with. */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /** Adds a listener of every call; listeners are called in the order they were added. */
    public Builder listener(CallListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Reads environment variables through {@code environment}, for tests of the key lookup. */
    Builder environment(UnaryOperator<String> environment) {
      this.environment = environment;
      return this;
    }

    /** Caps the account's rate at {@code requests} per {@code interval}; see the API's builder. */
    public Builder rateLimit(long requests, Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (requests < 1) {
        throw new IllegalArgumentException(
            "rateLimit requests must be at least 1; was " + requests);
      }
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("rateLimit interval must be positive; was " + interval);
      }
      if (interval.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(
            "rateLimit interval must be at most 365 days; was " + interval);
      }
      this.rateLimitRequests = requests;
      this.rateLimitInterval = interval;
      return this;
    }

    /**
     * Validates the settings and creates the client they describe: the engine's one entry point,
     * which the API's builder calls.
     *
     * @return the client
     * @throws NullPointerException if no private key was set
     * @throws IllegalArgumentException if the key or the base URI is invalid
     * @throws ConfigurationException if the key is a public key, or no suitable transport is found
     */
    public PurgeClient newClient() {
      return DefaultPurgeClient.create(build());
    }

    /**
     * Validates and returns the settings.
     *
     * @throws NullPointerException if no private key was set
     * @throws IllegalArgumentException if the key or the base URI is invalid
     * @throws ConfigurationException if the key is a public key
     */
    ClientSettings build() {
      String authorization = basicAuthorization(privateKey());
      URI base = checkBaseUri(baseUri, allowInsecureHttp);
      if (rateLimiter != null && rateLimitRequests > 0) {
        throw new IllegalArgumentException(
            "rateLimit caps the built-in rate limiter, and a rateLimiter of your own was set:"
                + " give the limit to that one instead");
      }
      return new ClientSettings(this, authorization, base);
    }

    /**
     * Returns the key that was given, or else the one in the environment variable, or else the one
     * in the system property, checked; the messages name where the key came from.
     */
    private String privateKey() {
      if (privateKeyGiven) {
        if (privateKey == null) {
          throw new ConfigurationException(
              "privateKey is null: if it came from System.getenv(\""
                  + PurgeClient.PRIVATE_KEY_ENV
                  + "\"), that variable is not set. Set it, or pass the key; PurgeClient.create()"
                  + " with no argument reads the variable, then the "
                  + PurgeClient.PRIVATE_KEY_PROPERTY
                  + " system property");
        }
        return checkPrivateKey(privateKey, "privateKey");
      }
      String fromEnvironment = environment.apply(PurgeClient.PRIVATE_KEY_ENV);
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        return checkPrivateKey(
            fromEnvironment, "the " + PurgeClient.PRIVATE_KEY_ENV + " environment variable");
      }
      String fromProperty = System.getProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
      if (fromProperty != null && !fromProperty.isEmpty()) {
        return checkPrivateKey(
            fromProperty, "the " + PurgeClient.PRIVATE_KEY_PROPERTY + " system property");
      }
      throw new ConfigurationException(
          "no private key: set the "
              + PurgeClient.PRIVATE_KEY_ENV
              + " environment variable or the "
              + PurgeClient.PRIVATE_KEY_PROPERTY
              + " system property to the account's private key (ImageKit dashboard, Developer"
              + " options), or pass it to PurgeClient.Builder.privateKey");
    }

    private static String checkPrivateKey(String key, String source) {
      if (key.isBlank()) {
        throw new IllegalArgumentException(source + " must not be blank");
      }
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
          throw new IllegalArgumentException(
              source
                  + " must not contain whitespace or control characters (found at index "
                  + i
                  + "); check for a stray newline");
        }
      }
      if (key.startsWith("public_")) {
        throw new ConfigurationException(
            source
                + " holds a public key (it starts with \"public_\"): purge calls need the"
                + " private key, which starts with \"private_\" (ImageKit dashboard, Developer"
                + " options)");
      }
      return key;
    }

    private static URI checkBaseUri(URI uri, boolean allowInsecureHttp) {
      if (!uri.isAbsolute() || uri.isOpaque()) {
        throw new IllegalArgumentException("baseUri must be an absolute http(s) URI, was " + uri);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("baseUri must use http or https, was " + uri);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("baseUri has no host: " + uri);
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "baseUri must not carry user info; the private key is sent in a header");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "baseUri must not have a query or a fragment, was " + uri);
      }
      if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
        throw new IllegalArgumentException(
            "baseUri uses plain http to "
                + uri.getHost()
                + ", which would send the private key in clear text; use https, or"
                + " allowInsecureHttp(true) if you must");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * Returns whether a host surely names this machine without a name lookup: {@code localhost}
     * itself (RFC 6761 reserves it, and Java answers it without DNS), a 127/8 literal in four
     * decimal parts, or the IPv6 loopback literal. {@code x.localhost} and shorthand forms such as
     * {@code 127.1} are not: Java would ask a resolver about them.
     */
    static boolean isLoopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.equals("localhost")) {
        return true;
      }
      if (h.startsWith("[") && h.endsWith("]")) {
        return isIpv6Loopback(h);
      }
      String[] octets = h.split("\\.", -1);
      if (octets.length != 4 || !octets[0].equals("127")) {
        return false;
      }
      for (String octet : octets) {
        if (octet.isEmpty()
            || octet.length() > 3
            || !isDecimal(octet)
            || Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return true;
    }

    private static boolean isDecimal(String digits) {
      for (int i = 0; i < digits.length(); i++) {
        if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    /**
     * An IPv6 literal such as {@code ::1} in any spelling; Java reads a bracketed literal without a
     * lookup.
     */
    private static boolean isIpv6Loopback(String bracketed) {
      try {
        return InetAddress.getByName(bracketed).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      if (duration.compareTo(Nanos.LONGEST) > 0) {
        throw new IllegalArgumentException(
            name
                + " must be at most "
                + Nanos.LONGEST
                + " (what a clock of nanoseconds counts), was "
                + duration);
      }
      return duration;
    }
  }
}
