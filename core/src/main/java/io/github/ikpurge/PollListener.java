package io.github.ikpurge;

/**
 * Sees each poll while the client waits for a purge to complete, for a progress line or a metric.
 * It is called on the waiting thread (or, for asynchronous waits, on a client thread): keep it
 * short. An exception it throws ends the wait with that exception.
 */
@FunctionalInterface
public interface PollListener {

  /**
   * Called after each poll with what it found.
   *
   * @param event the poll
   */
  void onPoll(PollEvent event);
}
