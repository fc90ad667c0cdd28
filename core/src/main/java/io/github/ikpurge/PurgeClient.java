package io.github.ikpurge;

import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.internal.ClientSettings;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.spi.TransportOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A client of ImageKit's cache purge API: submit a purge, then ask for its status.
 *
 * <p>A client is immutable and thread-safe; build one and share it. It owns the transport it found
 * or was given by name, and {@link #close()} releases it once calls in flight have ended. A
 * transport instance passed to {@link Builder#transport(HttpTransport)} stays the caller's to
 * close.
 *
 * <p>Every failure is an {@link io.github.ikpurge.error.ImageKitException}; bad arguments fail with
 * {@link NullPointerException} or {@link IllegalArgumentException} before anything is sent.
 *
 * <pre>{@code
 * try (PurgeClient client = PurgeClient.create()) { // the key from IMAGEKIT_PRIVATE_KEY
 *   PurgeResult purge = client.purge("https://ik.imagekit.io/demo/logo.png");
 *   PurgeStatusResult status = client.status(purge.requestId());
 * }
 * }</pre>
 */
public interface PurgeClient extends AutoCloseable {

  /** The API address used unless {@link Builder#baseUri(URI)} sets another. */
  URI DEFAULT_BASE_URI = URI.create("https://api.imagekit.io");

  /** The environment variable a builder given no key reads it from: {@value}. */
  String PRIVATE_KEY_ENV = "IMAGEKIT_PRIVATE_KEY";

  /** The system property a builder given no key reads it from, after the variable: {@value}. */
  String PRIVATE_KEY_PROPERTY = "imagekit.privateKey";

  /**
   * Returns a client with every default, the private key found in the {@value #PRIVATE_KEY_ENV}
   * environment variable or else the {@value #PRIVATE_KEY_PROPERTY} system property, and the
   * transport found on the class path.
   *
   * @return the client
   * @throws io.github.ikpurge.error.ConfigurationException if neither holds a key, the key is a
   *     public key, or no transport is found
   * @throws IllegalArgumentException if the key found holds whitespace
   */
  static PurgeClient create() {
    return builder().build();
  }

  /**
   * Returns a client with every default and the transport found on the class path.
   *
   * @param privateKey the account's private API key
   * @return the client
   * @throws IllegalArgumentException if {@code privateKey} is blank or holds whitespace
   * @throws io.github.ikpurge.error.ConfigurationException if it is null (an environment variable
   *     that is not set, say) or a public key, or no transport is found
   */
  static PurgeClient create(String privateKey) {
    return builder().privateKey(privateKey).build();
  }

  /** {@return a builder of clients} */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Submits a purge of a file's cached copies ({@code POST /v1/files/purge}). Each purge counts
   * against the account's monthly quota, so it is retried only where it was surely not processed.
   *
   * @param url the absolute http(s) URL of the file; a {@code *} wildcard is allowed only at the
   *     end
   * @return the id to follow the purge with, and the response metadata
   * @throws NullPointerException if {@code url} is null
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL, holds
   *     whitespace or control characters, or has a wildcard before its end
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   * @throws IllegalStateException if the client is closed
   */
  PurgeResult purge(String url);

  /**
   * Asks where a purge stands ({@code GET /v1/files/purge/{requestId}}).
   *
   * @param requestId the id the purge call returned
   * @return the status, and the response metadata
   * @throws NullPointerException if {@code requestId} is null
   * @throws IllegalArgumentException if {@code requestId} is not a valid id (see {@link
   *     io.github.ikpurge.domain.PurgeRequestId})
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   * @throws IllegalStateException if the client is closed
   */
  PurgeStatusResult status(String requestId);

  /**
   * Asks where a purge stands; see {@link #status(String)}.
   *
   * @param requestId the id the purge call returned
   * @return the status, and the response metadata
   * @throws NullPointerException if {@code requestId} is null
   */
  default PurgeStatusResult status(PurgeRequestId requestId) {
    return status(Objects.requireNonNull(requestId, "requestId").value());
  }

  /**
   * Waits until a purge is no longer {@code Pending}, polling at once and then on the {@link
   * PollPolicy} schedule, for at most the policy's {@link PollPolicy#maxWait()}.
   *
   * @param requestId the id the purge call returned
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   * @throws io.github.ikpurge.error.ImageKitException if a poll fails for good
   * @throws IllegalArgumentException if {@code requestId} is not a valid id
   */
  PurgeStatusResult awaitCompletion(String requestId);

  /**
   * Waits until a purge is no longer {@code Pending}, for at most {@code maxWait}; see {@link
   * #awaitCompletion(String, Duration, PollListener)}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status, usually {@code Completed}
   */
  default PurgeStatusResult awaitCompletion(String requestId, Duration maxWait) {
    return awaitCompletion(requestId, maxWait, event -> {});
  }

  /**
   * Waits until a purge is no longer {@code Pending}: polls at once, then after the {@link
   * PollPolicy}'s delays (1 s, ×1.5 up to 15 s, ±20 % by default), stretching a delay when a 429
   * asks for a longer pause. Each status call is bounded by what remains of {@code maxWait}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @param listener sees each poll
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first; it
   *     carries the last status seen and how long the wait lasted
   * @throws io.github.ikpurge.error.ImageKitException if a poll fails for good
   * @throws IllegalArgumentException if {@code requestId} is not a valid id or {@code maxWait} is
   *     not positive or is over {@code Long.MAX_VALUE} nanoseconds
   * @throws IllegalStateException if the client is closed
   */
  PurgeStatusResult awaitCompletion(String requestId, Duration maxWait, PollListener listener);

  /**
   * Waits until a purge is no longer {@code Pending}; see {@link #awaitCompletion(String)}.
   *
   * @param requestId the id the purge call returned
   * @return the final status, usually {@code Completed}
   * @throws NullPointerException if {@code requestId} is null
   */
  default PurgeStatusResult awaitCompletion(PurgeRequestId requestId) {
    return awaitCompletion(Objects.requireNonNull(requestId, "requestId").value());
  }

  /**
   * Waits until a purge is no longer {@code Pending}, for at most {@code maxWait}; see {@link
   * #awaitCompletion(String, Duration, PollListener)}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status, usually {@code Completed}
   * @throws NullPointerException if an argument is null
   */
  default PurgeStatusResult awaitCompletion(PurgeRequestId requestId, Duration maxWait) {
    return awaitCompletion(Objects.requireNonNull(requestId, "requestId").value(), maxWait);
  }

  /**
   * Waits until a purge is no longer {@code Pending}; see {@link #awaitCompletion(String, Duration,
   * PollListener)}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @param listener sees each poll
   * @return the final status, usually {@code Completed}
   * @throws NullPointerException if an argument is null
   */
  default PurgeStatusResult awaitCompletion(
      PurgeRequestId requestId, Duration maxWait, PollListener listener) {
    return awaitCompletion(
        Objects.requireNonNull(requestId, "requestId").value(), maxWait, listener);
  }

  /**
   * Submits a purge and waits for it to complete, within the {@link PollPolicy#maxWait()}.
   *
   * @param url the absolute http(s) URL of the file
   * @return the final status, with the request id
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  PurgeStatusResult purgeAndAwait(String url);

  /**
   * Submits a purge and waits for it to complete, within {@code maxWait} in all.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @return the final status, with the request id
   */
  default PurgeStatusResult purgeAndAwait(String url, Duration maxWait) {
    return purgeAndAwait(url, maxWait, event -> {});
  }

  /**
   * Submits a purge, then waits for it to complete: the first poll comes after the {@link
   * PollPolicy}'s first delay. {@code maxWait} bounds the purge call and the wait together; a
   * {@link io.github.ikpurge.error.CompletionTimeoutException} carries the request id, so the wait
   * can be resumed with {@link #awaitCompletion(String, Duration)}.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @param listener sees each poll
   * @return the final status, with the request id
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   * @throws io.github.ikpurge.error.ImageKitException if the purge or a poll fails for good
   * @throws IllegalArgumentException if {@code url} is not acceptable or {@code maxWait} is not
   *     positive or is over {@code Long.MAX_VALUE} nanoseconds
   * @throws IllegalStateException if the client is closed
   */
  PurgeStatusResult purgeAndAwait(String url, Duration maxWait, PollListener listener);

  /**
   * {@return the asynchronous view of this client; it shares this client's transport and settings}
   */
  AsyncPurgeClient async();

  /** {@return the name of the transport in use, such as {@code jdk}} */
  String transportName();

  /**
   * Stops taking calls and releases the transport this client owns once calls in flight have ended.
   * Calling it again has no effect.
   */
  @Override
  void close();

  /** Builds a {@link PurgeClient}. Not thread-safe; each {@link #build()} makes a new client. */
  final class Builder {

    private final ClientSettings.Builder settings = ClientSettings.builder();

    private Builder() {}

    /**
     * Sets the account's private API key (it starts with {@code private_}). Without it, {@link
     * #build()} reads the key from the {@value PurgeClient#PRIVATE_KEY_ENV} environment variable,
     * or else the {@value PurgeClient#PRIVATE_KEY_PROPERTY} system property.
     *
     * @param privateKey the key; it is sent only in the {@code Authorization} header and never
     *     logged or shown. {@link #build()} refuses null with a {@link
     *     io.github.ikpurge.error.ConfigurationException}
     * @return this builder
     */
    public Builder privateKey(String privateKey) {
      settings.privateKey(privateKey);
      return this;
    }

    /**
     * Sets the API address, for a proxy or the simulator. Plain {@code http} is accepted only for
     * {@code localhost}, a 127/8 literal or {@code [::1]}, reached by a transport that sends the
     * request there directly ({@link HttpTransport#connectsDirectly}), unless {@link
     * #allowInsecureHttp(boolean)} is set.
     *
     * @param baseUri an absolute http(s) URI, optionally with a path prefix
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      settings.baseUri(Objects.requireNonNull(baseUri, "baseUri"));
      return this;
    }

    /**
     * Sets the API address from a string; see {@link #baseUri(URI)}.
     *
     * @param baseUri an absolute http(s) URI
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid URI
     */
    public Builder baseUri(String baseUri) {
      return baseUri(URI.create(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /**
     * Allows plain {@code http} to hosts other than loopback. Off by default: the key would cross
     * the network in clear text.
     *
     * @param allow whether to allow it
     * @return this builder
     */
    public Builder allowInsecureHttp(boolean allow) {
      settings.allowInsecureHttp(allow);
      return this;
    }

    /**
     * Uses this transport instead of discovering one. The client does not close it.
     *
     * @param transport a transport the caller owns
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      settings.transport(Objects.requireNonNull(transport, "transport"));
      return this;
    }

    /**
     * Picks the discovered transport with this name ({@code jdk}, {@code apache}, {@code feign}),
     * over the {@code ikpurge.transport} system property and the priority order.
     *
     * @param name a provider name
     * @return this builder
     */
    public Builder transport(String name) {
      settings.transportName(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Sets the connection settings a discovered transport is built with.
     *
     * @param options the options
     * @return this builder
     */
    public Builder transportOptions(TransportOptions options) {
      settings.transportOptions(Objects.requireNonNull(options, "options"));
      return this;
    }

    /**
     * Sets the time limit of one HTTP exchange. Default 30 seconds.
     *
     * @param timeout a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     */
    public Builder attemptTimeout(Duration timeout) {
      settings.attemptTimeout(timeout);
      return this;
    }

    /**
     * Sets the time limit of a whole call, retries and waits included. Default 60 seconds.
     *
     * @param timeout a positive duration, at most {@code Long.MAX_VALUE} nanoseconds
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      settings.callTimeout(timeout);
      return this;
    }

    /**
     * Sets how failed attempts are repeated; {@link RetryPolicy#none()} turns retries off.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      settings.retryPolicy(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Sets how waits for completion poll, and their default limit.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder pollPolicy(PollPolicy policy) {
      settings.pollPolicy(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Sets the largest response body accepted. Default 1 MiB.
     *
     * @param maxBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxResponseBytes(int maxBytes) {
      settings.maxResponseBytes(maxBytes);
      return this;
    }

    /**
     * Sets the largest response header section accepted, counted as HTTP/1.1 lines ({@link
     * io.github.ikpurge.domain.Headers#byteSize()}). Default 64 KiB.
     *
     * @param maxBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxResponseHeaderBytes(int maxBytes) {
      settings.maxResponseHeaderBytes(maxBytes);
      return this;
    }

    /**
     * Caps this account's request rate at {@code requests} per {@code interval}, for purges and
     * status polls alike. The cap applies to the rate limiter that every client of the same key and
     * base URI in this JVM shares; when several clients give one, the lowest holds. Without it the
     * limiter learns the limit from the API's first 429. Requests are spaced evenly: {@code
     * rateLimit(100, Duration.ofSeconds(1))} sends one about every 10.2 ms: requests are paced at
     * 98 % of a limit, so that one delayed on the way does not meet a 429.
     *
     * @param requests the most requests per interval, at least 1
     * @param interval the interval, positive and at most 365 days
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code requests} or {@code interval} is out of range
     */
    public Builder rateLimit(long requests, Duration interval) {
      settings.rateLimit(requests, interval);
      return this;
    }

    /**
     * Uses this rate limiter instead of the in-JVM one shared by the clients of an account: a
     * limiter backed by a store that several processes share, say. It cannot be combined with
     * {@link #rateLimit(long, Duration)}.
     *
     * @param limiter the limiter
     * @return this builder
     * @throws NullPointerException if {@code limiter} is null
     */
    public Builder rateLimiter(RateLimiter limiter) {
      settings.rateLimiter(Objects.requireNonNull(limiter, "limiter"));
      return this;
    }

    /**
     * Adds a listener that sees every call of the client: for metrics and tracing, such as {@code
     * ikpurge-micrometer}'s. Listeners are called in the order they were added.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(CallListener listener) {
      settings.listener(listener);
      return this;
    }

    /**
     * Uses this JSON codec instead of discovering one.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      settings.jsonCodec(Objects.requireNonNull(codec, "codec"));
      return this;
    }

    /**
     * {@return a new client}
     *
     * @throws IllegalArgumentException if a setting is invalid; the message names it
     * @throws io.github.ikpurge.error.ConfigurationException if no private key was given or found,
     *     or it is a public key, or no suitable transport is found
     */
    public PurgeClient build() {
      return settings.newClient();
    }
  }
}
