package io.github.ikpurge.bulk;

/**
 * Told of each URL's outcome as it happens. A run calls its listener from one thread at a time,
 * never concurrently, but not always from the same thread; a listener should return quickly, as the
 * run's progress waits for it. An exception it throws ends the run with that exception.
 */
public interface BulkPurgeListener {

  /**
   * Called once for each URL of the input, when its purge ends one way or another.
   *
   * @param outcome what became of the URL
   */
  default void onPurge(UrlOutcome outcome) {}

  /**
   * Called once for each accepted URL when the run waits for completion, when its wait ends.
   *
   * @param completion how the wait ended
   */
  default void onCompletion(UrlCompletion completion) {}
}
