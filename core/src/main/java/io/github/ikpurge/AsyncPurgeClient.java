package io.github.ikpurge;

import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link PurgeClient}: the same calls, returning futures. No thread is
 * parked while a call is in flight or waiting to retry.
 *
 * <p>Bad arguments throw at once, as in {@link PurgeClient}; every other failure completes the
 * future exceptionally with an {@link io.github.ikpurge.error.ImageKitException}. Callbacks may run
 * on the transport's or the client's scheduler thread: keep them short, or use the {@code *Async}
 * variants of {@link CompletableFuture} with an executor of your own. Cancelling a future abandons
 * the call.
 */
public interface AsyncPurgeClient {

  /**
   * Submits a purge; see {@link PurgeClient#purge(String)}.
   *
   * @param url the absolute http(s) URL of the file
   * @return the id to follow the purge with, and the response metadata
   * @throws NullPointerException if {@code url} is null
   * @throws IllegalArgumentException if {@code url} is not acceptable
   * @throws IllegalStateException if the client is closed
   */
  CompletableFuture<PurgeResult> purge(String url);

  /**
   * Asks where a purge stands; see {@link PurgeClient#status(String)}.
   *
   * @param requestId the id the purge call returned
   * @return the status, and the response metadata
   * @throws NullPointerException if {@code requestId} is null
   * @throws IllegalArgumentException if {@code requestId} is not a valid id
   * @throws IllegalStateException if the client is closed
   */
  CompletableFuture<PurgeStatusResult> status(String requestId);
}
