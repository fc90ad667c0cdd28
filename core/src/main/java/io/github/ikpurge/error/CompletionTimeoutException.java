package io.github.ikpurge.error;

import io.github.ikpurge.domain.PurgeCacheStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait for a purge to complete ran out of time. It carries the last status seen (usually {@code
 * Pending}), how long the wait lasted and how many polls it made. The cause, when present, is what
 * kept the last poll from happening, such as a rate limit asking to wait past the limit.
 */
public final class CompletionTimeoutException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /** The purge waited for. */
  private final String requestId;

  private final transient PurgeCacheStatus lastStatus;

  /** How long the wait lasted. */
  private final Duration waited;

  /** How many polls answered. */
  private final int polls;

  /**
   * Creates the error.
   *
   * @param requestId the purge waited for
   * @param lastStatus the last status seen, or null when no poll answered
   * @param waited how long the wait lasted
   * @param polls how many polls answered
   * @param cause what prevented a further poll, or null
   */
  public CompletionTimeoutException(
      String requestId, PurgeCacheStatus lastStatus, Duration waited, int polls, Throwable cause) {
    super(describe(requestId, lastStatus, waited, polls), cause);
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.lastStatus = lastStatus;
    this.waited = Objects.requireNonNull(waited, "waited");
    this.polls = polls;
  }

  /** {@return the id of the purge waited for} */
  public String requestId() {
    return requestId;
  }

  /** {@return the last status seen, when a poll answered} */
  public Optional<PurgeCacheStatus> lastStatus() {
    return Optional.ofNullable(lastStatus);
  }

  /** {@return how long the wait lasted} */
  public Duration waited() {
    return waited;
  }

  /** {@return how many polls answered} */
  public int polls() {
    return polls;
  }

  private static String describe(
      String requestId, PurgeCacheStatus lastStatus, Duration waited, int polls) {
    return "purge "
        + requestId
        + " was "
        + (lastStatus == null ? "not seen" : "still " + lastStatus)
        + " after waiting "
        + waited.toMillis()
        + " ms ("
        + polls
        + (polls == 1 ? " poll)" : " polls)");
  }
}
