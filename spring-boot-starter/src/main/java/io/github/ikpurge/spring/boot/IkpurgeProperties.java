package io.github.ikpurge.spring.boot;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ikpurge.*} settings of the auto-configured {@link io.github.ikpurge.PurgeClient}. A
 * setting left unset keeps core's default, so this class holds no default of its own. Not
 * thread-safe: Spring binds it once, before the client is built.
 */
@ConfigurationProperties(prefix = "ikpurge")
public class IkpurgeProperties {

  /**
   * The account's private API key (it starts with "private_"). When unset, the client reads the
   * IMAGEKIT_PRIVATE_KEY environment variable, then the imagekit.privateKey system property.
   */
  private String privateKey;

  /**
   * The API address, for a proxy or the simulator. Default https://api.imagekit.io. Plain http is
   * accepted only for loopback unless allow-insecure-http is set.
   */
  private URI baseUri;

  /**
   * The name of the transport to use, such as "jdk", "apache" or "feign". When unset, the transport
   * found on the class path is used (the ikpurge.transport system property, then priority order).
   */
  private String transport;

  /** The time limit of one HTTP exchange. Default 30 seconds. */
  private Duration attemptTimeout;

  /** The time limit of a whole call, retries and waits included. Default 60 seconds. */
  private Duration callTimeout;

  /**
   * Whether plain http is allowed to hosts other than loopback. Off by default: the key would cross
   * the network in clear text.
   */
  private boolean allowInsecureHttp;

  /** The largest response body accepted, in bytes. Default 1 MiB (1048576). */
  private Integer maxResponseBytes;

  /** The largest response header section accepted, in bytes. Default 64 KiB (65536). */
  private Integer maxResponseHeaderBytes;

  private final Retry retry = new Retry();

  private final Poll poll = new Poll();

  private final RateLimit rateLimit = new RateLimit();

  /** Creates the properties, every setting unset. */
  public IkpurgeProperties() {}

  /** {@return the private key, or null to let the client look it up} */
  public String getPrivateKey() {
    return privateKey;
  }

  /**
   * Sets the private key.
   *
   * @param privateKey the key, or null to let the client look it up
   */
  public void setPrivateKey(String privateKey) {
    this.privateKey = privateKey;
  }

  /** {@return the API address, or null for core's default} */
  public URI getBaseUri() {
    return baseUri;
  }

  /**
   * Sets the API address.
   *
   * @param baseUri the address, or null for core's default
   */
  public void setBaseUri(URI baseUri) {
    this.baseUri = baseUri;
  }

  /** {@return the transport's name, or null to discover one} */
  public String getTransport() {
    return transport;
  }

  /**
   * Sets the transport's name.
   *
   * @param transport the name, or null to discover one
   */
  public void setTransport(String transport) {
    this.transport = transport;
  }

  /** {@return the time limit of one exchange, or null for core's default} */
  public Duration getAttemptTimeout() {
    return attemptTimeout;
  }

  /**
   * Sets the time limit of one exchange.
   *
   * @param attemptTimeout the limit, or null for core's default
   */
  public void setAttemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = attemptTimeout;
  }

  /** {@return the time limit of a whole call, or null for core's default} */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets the time limit of a whole call.
   *
   * @param callTimeout the limit, or null for core's default
   */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** {@return whether plain http to other hosts than loopback is allowed} */
  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * Sets whether plain http to other hosts than loopback is allowed.
   *
   * @param allowInsecureHttp whether to allow it
   */
  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  /** {@return the largest response body accepted, or null for core's default} */
  public Integer getMaxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sets the largest response body accepted.
   *
   * @param maxResponseBytes a positive number of bytes, or null for core's default
   */
  public void setMaxResponseBytes(Integer maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** {@return the largest response header section accepted, or null for core's default} */
  public Integer getMaxResponseHeaderBytes() {
    return maxResponseHeaderBytes;
  }

  /**
   * Sets the largest response header section accepted.
   *
   * @param maxResponseHeaderBytes a positive number of bytes, or null for core's default
   */
  public void setMaxResponseHeaderBytes(Integer maxResponseHeaderBytes) {
    this.maxResponseHeaderBytes = maxResponseHeaderBytes;
  }

  /** {@return the retry settings} */
  public Retry getRetry() {
    return retry;
  }

  /** {@return the settings of waits for completion} */
  public Poll getPoll() {
    return poll;
  }

  /** {@return the rate cap} */
  public RateLimit getRateLimit() {
    return rateLimit;
  }

  /** How failed attempts are repeated ({@link io.github.ikpurge.RetryPolicy}). */
  public static class Retry {

    /** The most attempts a call makes, 1 to 100; 1 turns retries off. Default 3. */
    private Integer maxAttempts;

    /**
     * The bound of the wait after the first failed attempt, doubled after each one (full-jitter
     * backoff: the wait is drawn from zero to the bound). Default 200 ms.
     */
    private Duration baseDelay;

    /** The cap on the bound of the wait between two attempts. Default 8 seconds. */
    private Duration maxDelay;

    /** Creates the settings, all unset. */
    public Retry() {}

    /** {@return the most attempts, or null for core's default} */
    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the most attempts.
     *
     * @param maxAttempts 1 to 100, or null for core's default
     */
    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** {@return the first backoff, or null for core's default} */
    public Duration getBaseDelay() {
      return baseDelay;
    }

    /**
     * Sets the first backoff.
     *
     * @param baseDelay the backoff, or null for core's default
     */
    public void setBaseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
    }

    /** {@return the cap on the backoff, or null for core's default} */
    public Duration getMaxDelay() {
      return maxDelay;
    }

    /**
     * Sets the cap on the backoff.
     *
     * @param maxDelay the cap, or null for core's default
     */
    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    boolean isSet() {
      return maxAttempts != null || baseDelay != null || maxDelay != null;
    }
  }

  /** How waits for completion poll ({@link io.github.ikpurge.PollPolicy}). */
  public static class Poll {

    /** The delay before the first poll after a purge, and between the first two. Default 1 s. */
    private Duration initialDelay;

    /** The factor by which the delay grows after each poll, 1 to 10. Default 1.5. */
    private Double multiplier;

    /** The cap on the delay between polls, before jitter. Default 15 seconds. */
    private Duration maxDelay;

    /** The largest random change of a delay, as a fraction of it: 0 to 0.9. Default 0.2. */
    private Double jitter;

    /** How long a wait lasts when the call names no limit. Default 10 minutes. */
    private Duration maxWait;

    /** Creates the settings, all unset. */
    public Poll() {}

    /** {@return the first delay, or null for core's default} */
    public Duration getInitialDelay() {
      return initialDelay;
    }

    /**
     * Sets the first delay.
     *
     * @param initialDelay the delay, or null for core's default
     */
    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    /** {@return the growth factor, or null for core's default} */
    public Double getMultiplier() {
      return multiplier;
    }

    /**
     * Sets the growth factor.
     *
     * @param multiplier 1 to 10, or null for core's default
     */
    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    /** {@return the cap on the delay, or null for core's default} */
    public Duration getMaxDelay() {
      return maxDelay;
    }

    /**
     * Sets the cap on the delay.
     *
     * @param maxDelay the cap, or null for core's default
     */
    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    /** {@return the jitter, or null for core's default} */
    public Double getJitter() {
      return jitter;
    }

    /**
     * Sets the jitter.
     *
     * @param jitter 0 to 0.9, or null for core's default
     */
    public void setJitter(Double jitter) {
      this.jitter = jitter;
    }

    /** {@return the longest wait, or null for core's default} */
    public Duration getMaxWait() {
      return maxWait;
    }

    /**
     * Sets the longest wait.
     *
     * @param maxWait the wait, or null for core's default
     */
    public void setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
    }

    boolean isSet() {
      return initialDelay != null
          || multiplier != null
          || maxDelay != null
          || jitter != null
          || maxWait != null;
    }
  }

  /**
   * A cap on the account's request rate, shared by every client of the same key and base URI in the
   * JVM. Unset, the client learns the limit from the API's first 429.
   */
  public static class RateLimit {

    /** The most requests per interval, at least 1. Unset: no cap but the one the API shows. */
    private Long requests;

    /** The interval the requests are counted over, at most 365 days. Default 1 second. */
    private Duration interval;

    /** Creates the settings, all unset. */
    public RateLimit() {}

    /** {@return the most requests per interval, or null for no cap} */
    public Long getRequests() {
      return requests;
    }

    /**
     * Sets the most requests per interval.
     *
     * @param requests at least 1, or null for no cap
     */
    public void setRequests(Long requests) {
      this.requests = requests;
    }

    /** {@return the interval, or null for 1 second} */
    public Duration getInterval() {
      return interval;
    }

    /**
     * Sets the interval.
     *
     * @param interval the interval, or null for 1 second
     */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }
}
