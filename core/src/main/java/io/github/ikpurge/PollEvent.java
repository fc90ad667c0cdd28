package io.github.ikpurge;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import java.time.Duration;
import java.util.Objects;

/**
 * One poll of a wait for completion.
 *
 * @param requestId the purge being waited for
 * @param poll the number of this poll, from 1
 * @param status the status the poll found
 * @param elapsed the time since the wait began
 */
public record PollEvent(
    PurgeRequestId requestId, int poll, PurgeCacheStatus status, Duration elapsed) {

  /**
   * Creates an event.
   *
   * @param requestId the purge being waited for
   * @param poll the number of this poll, from 1
   * @param status the status the poll found
   * @param elapsed the time since the wait began
   * @throws NullPointerException if an argument is null
   */
  public PollEvent {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
