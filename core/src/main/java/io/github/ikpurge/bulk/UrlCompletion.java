package io.github.ikpurge.bulk;

import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.util.Objects;
import java.util.Optional;

/**
 * How the wait for one accepted purge ended: completed, with the status answer that said so, or
 * not, with the error that ended the wait (a {@link
 * io.github.ikpurge.error.CompletionTimeoutException} when the run's wait ran out).
 */
public final class UrlCompletion {

  private final long index;
  private final String url;
  private final PurgeRequestId requestId;
  private final PurgeStatusResult result;
  private final RuntimeException error;
  private final boolean fromJournal;

  private UrlCompletion(
      long index,
      String url,
      PurgeRequestId requestId,
      PurgeStatusResult result,
      RuntimeException error,
      boolean fromJournal) {
    this.index = index;
    this.url = Objects.requireNonNull(url, "url");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.result = result;
    this.error = error;
    this.fromJournal = fromJournal;
  }

  static UrlCompletion completed(
      long index, String url, PurgeRequestId requestId, PurgeStatusResult result) {
    return new UrlCompletion(
        index, url, requestId, Objects.requireNonNull(result, "result"), null, false);
  }

  static UrlCompletion completedEarlier(long index, String url, PurgeRequestId requestId) {
    return new UrlCompletion(index, url, requestId, null, null, true);
  }

  static UrlCompletion failed(
      long index, String url, PurgeRequestId requestId, RuntimeException error) {
    return new UrlCompletion(
        index, url, requestId, null, Objects.requireNonNull(error, "error"), false);
  }

  /**
   * Returns the URL's position in the input, from 0.
   *
   * @return the index
   */
  public long index() {
    return index;
  }

  /**
   * Returns the URL as given.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Returns the purge waited for.
   *
   * @return the request id
   */
  public PurgeRequestId requestId() {
    return requestId;
  }

  /**
   * Returns whether the purge completed.
   *
   * @return true if it completed
   */
  public boolean completed() {
    return error == null;
  }

  /**
   * Returns the status answer that reported completion; empty if the wait failed, or if the journal
   * of an earlier run had recorded the completion.
   *
   * @return the result, or empty
   */
  public Optional<PurgeStatusResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Returns the error that ended the wait; empty when the purge completed.
   *
   * @return the error, or empty
   */
  public Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns whether the completion was read from the journal of an earlier run.
   *
   * @return true if it came from the journal
   */
  public boolean fromJournal() {
    return fromJournal;
  }

  @Override
  public String toString() {
    return "#"
        + index
        + ' '
        + (error == null ? "COMPLETED " : "NOT COMPLETED (" + error.getMessage() + ") ")
        + requestId.value()
        + ' '
        + url;
  }
}
