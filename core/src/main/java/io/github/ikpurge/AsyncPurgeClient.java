package io.github.ikpurge;

import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.time.Duration;
import java.util.Objects;
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

  /**
   * Asks where a purge stands; see {@link #status(String)}.
   *
   * @param requestId the id the purge call returned
   * @return the status, and the response metadata
   * @throws NullPointerException if {@code requestId} is null
   */
  default CompletableFuture<PurgeStatusResult> status(PurgeRequestId requestId) {
    return status(Objects.requireNonNull(requestId, "requestId").value());
  }

  /**
   * Waits until a purge is no longer {@code Pending}, within the {@link PollPolicy#maxWait()}; see
   * {@link PurgeClient#awaitCompletion(String, Duration, PollListener)}. Polls are scheduled: no
   * thread waits. Cancelling the future stops the polling.
   *
   * @param requestId the id the purge call returned
   * @return the final status; fails with {@link io.github.ikpurge.error.CompletionTimeoutException}
   *     if the wait runs out first
   */
  CompletableFuture<PurgeStatusResult> awaitCompletion(String requestId);

  /**
   * Waits until a purge is no longer {@code Pending}, for at most {@code maxWait}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status
   */
  default CompletableFuture<PurgeStatusResult> awaitCompletion(String requestId, Duration maxWait) {
    return awaitCompletion(requestId, maxWait, event -> {});
  }

  /**
   * Waits until a purge is no longer {@code Pending}, for at most {@code maxWait}, telling the
   * listener of each poll. Cancelling the future stops the polling.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @param listener sees each poll
   * @return the final status
   * @throws IllegalArgumentException if {@code requestId} or {@code maxWait} is not acceptable
   * @throws IllegalStateException if the client is closed
   */
  CompletableFuture<PurgeStatusResult> awaitCompletion(
      String requestId, Duration maxWait, PollListener listener);

  /**
   * Waits until a purge is no longer {@code Pending}; see {@link #awaitCompletion(String)}.
   *
   * @param requestId the id the purge call returned
   * @return the final status
   * @throws NullPointerException if {@code requestId} is null
   */
  default CompletableFuture<PurgeStatusResult> awaitCompletion(PurgeRequestId requestId) {
    return awaitCompletion(Objects.requireNonNull(requestId, "requestId").value());
  }

  /**
   * Waits until a purge is no longer {@code Pending}, for at most {@code maxWait}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @return the final status
   * @throws NullPointerException if an argument is null
   */
  default CompletableFuture<PurgeStatusResult> awaitCompletion(
      PurgeRequestId requestId, Duration maxWait) {
    return awaitCompletion(Objects.requireNonNull(requestId, "requestId").value(), maxWait);
  }

  /**
   * Waits until a purge is no longer {@code Pending}, telling the listener of each poll; see {@link
   * #awaitCompletion(String, Duration, PollListener)}.
   *
   * @param requestId the id the purge call returned
   * @param maxWait the longest wait
   * @param listener sees each poll
   * @return the final status
   * @throws NullPointerException if an argument is null
   */
  default CompletableFuture<PurgeStatusResult> awaitCompletion(
      PurgeRequestId requestId, Duration maxWait, PollListener listener) {
    return awaitCompletion(
        Objects.requireNonNull(requestId, "requestId").value(), maxWait, listener);
  }

  /**
   * Submits a purge and waits for it to complete, within the {@link PollPolicy#maxWait()}.
   *
   * @param url the absolute http(s) URL of the file
   * @return the final status, with the request id
   */
  CompletableFuture<PurgeStatusResult> purgeAndAwait(String url);

  /**
   * Submits a purge and waits for it to complete, within {@code maxWait} in all.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @return the final status, with the request id
   */
  default CompletableFuture<PurgeStatusResult> purgeAndAwait(String url, Duration maxWait) {
    return purgeAndAwait(url, maxWait, event -> {});
  }

  /**
   * Submits a purge and waits for it to complete, within {@code maxWait} in all, telling the
   * listener of each poll. Cancelling the future stops the purge or the polling, whichever is under
   * way.
   *
   * @param url the absolute http(s) URL of the file
   * @param maxWait the longest time for the purge and the wait together
   * @param listener sees each poll
   * @return the final status, with the request id
   * @throws IllegalArgumentException if {@code url} or {@code maxWait} is not acceptable
   * @throws IllegalStateException if the client is closed
   */
  CompletableFuture<PurgeStatusResult> purgeAndAwait(
      String url, Duration maxWait, PollListener listener);
}
