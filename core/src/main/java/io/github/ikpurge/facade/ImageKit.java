package io.github.ikpurge.facade;

import io.github.ikpurge.PurgeClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The Java-style facade, shaped like ImageKit's Java SDK: one shared instance, configured once,
 * then {@link #getPurgeCacheStatus(String)} and {@link #purgeCache(String)}.
 *
 * <pre>{@code
 * ImageKit.getInstance().setConfig(new Configuration(publicKey, privateKey, urlEndpoint));
 * ResultCacheStatus result = ImageKit.getInstance().getPurgeCacheStatus("request_id");
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may call it while another calls {@link
 * #setConfig(Configuration)}. A call runs on the configuration in place when it starts; the client
 * of a replaced configuration is closed once its calls in flight have ended. Errors are the SDK's
 * typed {@link io.github.ikpurge.error.ImageKitException}s.
 */
public final class ImageKit {

  private static final ImageKit INSTANCE = new ImageKit();

  private final AtomicReference<Configured> configured = new AtomicReference<>();

  private ImageKit() {}

  /** {@return the shared instance} */
  public static ImageKit getInstance() {
    return INSTANCE;
  }

  /**
   * Configures the instance, replacing any earlier configuration.
   *
   * @param config the account settings
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException if a setting is invalid
   * @throws io.github.ikpurge.error.ConfigurationException if the private key is null or a public
   *     key, or no transport is found
   */
  public void setConfig(Configuration config) {
    Objects.requireNonNull(config, "config");
    PurgeClient client = config.toClientBuilder().build();
    Configured previous = configured.getAndSet(new Configured(config, client));
    if (previous != null) {
      previous.client.close();
    }
  }

  /**
   * {@return the configuration in use}
   *
   * @throws IllegalStateException if {@link #setConfig(Configuration)} was never called
   */
  public Configuration getConfig() {
    return current().config;
  }

  /**
   * Asks where a purge stands.
   *
   * @param requestId the id the purge call returned
   * @return the status and the response metadata
   * @throws IllegalStateException if the instance is not configured
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   */
  public ResultCacheStatus getPurgeCacheStatus(String requestId) {
    return call(client -> new ResultCacheStatus(client.status(requestId)));
  }

  /**
   * Submits a purge of a file's cached copies.
   *
   * @param url the absolute http(s) URL of the file; a {@code *} wildcard only at the end
   * @return the request id and the response metadata
   * @throws IllegalStateException if the instance is not configured
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   */
  public ResultCache purgeCache(String url) {
    return call(client -> new ResultCache(client.purge(url)));
  }

  /**
   * Submits a purge and waits until it is no longer {@code Pending}, polling on the client's
   * schedule, for at most the default wait (10 minutes).
   *
   * @param url the absolute http(s) URL of the file
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   * @throws io.github.ikpurge.error.ImageKitException if the purge or a poll fails
   */
  public ResultCacheStatus purgeCacheAndWait(String url) {
    return call(client -> new ResultCacheStatus(client.purgeAndAwait(url)));
  }

  /**
   * Submits a purge and waits until it is no longer {@code Pending}, for at most {@code maxWait} in
   * all.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  public ResultCacheStatus purgeCacheAndWait(String url, Duration maxWait) {
    return call(client -> new ResultCacheStatus(client.purgeAndAwait(url, maxWait)));
  }

  /**
   * Waits until a submitted purge is no longer {@code Pending}, for at most the default wait (10
   * minutes).
   *
   * @param requestId the id the purge call returned
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  public ResultCacheStatus waitForPurgeCacheCompletion(String requestId) {
    return call(client -> new ResultCacheStatus(client.awaitCompletion(requestId)));
  }

  /**
   * Waits until a submitted purge is no longer {@code Pending}, for at most {@code maxWait}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  public ResultCacheStatus waitForPurgeCacheCompletion(String requestId, Duration maxWait) {
    return call(client -> new ResultCacheStatus(client.awaitCompletion(requestId, maxWait)));
  }

  private <T> T call(Function<PurgeClient, T> operation) {
    while (true) {
      Configured current = current();
      try {
        return operation.apply(current.client);
      } catch (IllegalStateException closed) {
        // setConfig closed this client between our read and the call's start: use the new one.
        if (configured.get() == current) {
          throw closed;
        }
      }
    }
  }

  private Configured current() {
    Configured current = configured.get();
    if (current == null) {
      throw new IllegalStateException(
          "ImageKit is not configured: call ImageKit.getInstance().setConfig(new"
              + " Configuration(publicKey, privateKey, urlEndpoint)) first");
    }
    return current;
  }

  private record Configured(Configuration config, PurgeClient client) {}
}
