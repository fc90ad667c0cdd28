package io.github.ikpurge.facade.dotnet;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ResultCache;
import io.github.ikpurge.facade.ResultCacheStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The .NET-style facade, shaped like ImageKit's .NET SDK: {@code PurgeStatus}, {@code
 * PurgeStatusAsync}, {@code PurgeCache} and {@code PurgeCacheAsync}. Unlike that SDK, the async
 * methods block no thread, and errors are thrown as typed {@link
 * io.github.ikpurge.error.ImageKitException}s (or fail the future), never returned as results.
 *
 * <pre>{@code
 * var imagekit = new ImagekitClient(publicKey, privateKey, urlEndpoint);
 * ResultCacheStatus resultCacheStatus = imagekit.PurgeStatus("request_Id");
 * }</pre>
 *
 * <p>Thread-safe. Close it to release the client it created; a client passed in stays the caller's.
 */
public final class ImagekitClient implements AutoCloseable {

  private final PurgeClient client;
  private final boolean owned;

  /**
   * Creates a facade with its own client.
   *
   * @param publicKey the account's public key (not used by purge calls); may be null
   * @param privateKey the account's private key
   * @param urlEndpoint the account's URL endpoint (not used by purge calls); may be null
   * @throws IllegalArgumentException if {@code privateKey} is blank
   * @throws io.github.ikpurge.error.ConfigurationException if it is null (an environment variable
   *     that is not set, say) or a public key, or no transport is found
   */
  public ImagekitClient(String publicKey, String privateKey, String urlEndpoint) {
    this(new Configuration(publicKey, privateKey, urlEndpoint));
  }

  /**
   * Creates a facade with its own client, from settings that may name an API address or a
   * transport.
   *
   * @param config the account settings
   * @throws NullPointerException if {@code config} is null
   * @throws io.github.ikpurge.error.ConfigurationException if the key is null or a public key, or
   *     no transport is found
   */
  public ImagekitClient(Configuration config) {
    this.client = Objects.requireNonNull(config, "config").toClientBuilder().build();
    this.owned = true;
  }

  /**
   * Creates a facade over an existing client, which stays the caller's to close.
   *
   * @param client the client to use
   */
  public ImagekitClient(PurgeClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.owned = false;
  }

  /**
   * Asks where a purge stands.
   *
   * @param requestId the id the purge call returned
   * @return the status and the response metadata
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   */
  public ResultCacheStatus PurgeStatus(String requestId) {
    return new ResultCacheStatus(client.status(requestId));
  }

  /**
   * Asks where a purge stands, without blocking.
   *
   * @param requestId the id the purge call returned
   * @return the status and the response metadata
   */
  public CompletableFuture<ResultCacheStatus> PurgeStatusAsync(String requestId) {
    return mapped(client.async().status(requestId), ResultCacheStatus::new);
  }

  /**
   * Submits a purge of a file's cached copies.
   *
   * @param url the absolute http(s) URL of the file
   * @return the request id and the response metadata
   * @throws io.github.ikpurge.error.ImageKitException if the call fails
   */
  public ResultCache PurgeCache(String url) {
    return new ResultCache(client.purge(url));
  }

  /**
   * Submits a purge of a file's cached copies, without blocking.
   *
   * @param url the absolute http(s) URL of the file
   * @return the request id and the response metadata
   */
  public CompletableFuture<ResultCache> PurgeCacheAsync(String url) {
    return mapped(client.async().purge(url), ResultCache::new);
  }

  /**
   * Submits a purge and waits until it is no longer {@code Pending}, for at most the default wait
   * (10 minutes).
   *
   * @param url the absolute http(s) URL of the file
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  public ResultCacheStatus PurgeCacheAndWait(String url) {
    return new ResultCacheStatus(client.purgeAndAwait(url));
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
  public ResultCacheStatus PurgeCacheAndWait(String url, Duration maxWait) {
    return new ResultCacheStatus(client.purgeAndAwait(url, maxWait));
  }

  /**
   * Submits a purge and waits for its completion without blocking a thread; cancelling the future
   * stops the polling.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @return the final status, usually {@code Completed}
   */
  public CompletableFuture<ResultCacheStatus> PurgeCacheAndWaitAsync(String url, Duration maxWait) {
    return mapped(client.async().purgeAndAwait(url, maxWait), ResultCacheStatus::new);
  }

  /**
   * Waits until a submitted purge is no longer {@code Pending}, for at most {@code maxWait}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status, usually {@code Completed}
   * @throws io.github.ikpurge.error.CompletionTimeoutException if the wait runs out first
   */
  public ResultCacheStatus WaitForPurgeCompletion(String requestId, Duration maxWait) {
    return new ResultCacheStatus(client.awaitCompletion(requestId, maxWait));
  }

  /**
   * Waits for a submitted purge's completion without blocking a thread; cancelling the future stops
   * the polling.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status, usually {@code Completed}
   */
  public CompletableFuture<ResultCacheStatus> WaitForPurgeCompletionAsync(
      String requestId, Duration maxWait) {
    return mapped(client.async().awaitCompletion(requestId, maxWait), ResultCacheStatus::new);
  }

  /** Closes the client this facade created; a client passed in is left open. */
  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "ImagekitClient{" + client + '}';
  }

  /**
   * Maps a future's value, passing cancellation of the mapped future back to the source, which a
   * plain {@code thenApply} does not: cancelling a facade's future stops the call or the wait.
   */
  private static <T, R> CompletableFuture<R> mapped(
      CompletableFuture<T> source, Function<? super T, ? extends R> mapper) {
    CompletableFuture<R> mapped = source.thenApply(mapper);
    mapped.whenComplete(
        (value, error) -> {
          if (mapped.isCancelled()) {
            source.cancel(true);
          }
        });
    return mapped;
  }
}
