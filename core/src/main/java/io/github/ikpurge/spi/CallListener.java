package io.github.ikpurge.spi;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import java.time.Duration;
import java.util.Objects;

/**
 * Observes a client's calls, for metrics, tracing or logs: each call's start and end, its attempts,
 * its retries and their reason, its waits for a rate-limit slot, and the polls of a wait for
 * completion. Register one with {@code PurgeClient.Builder#listener}.
 *
 * <p>{@link #callStarted(CallStarted)} runs on the caller's thread, also for asynchronous calls, so
 * a listener can pick up the caller's context (a current span, say). The other callbacks run on
 * whichever thread the call is on. Implementations must be thread-safe and quick. An exception a
 * listener throws is logged at {@code WARNING} and never changes the call's outcome.
 */
public interface CallListener {

  /**
   * A call begins: the returned observer sees the rest of this call, and nothing else.
   *
   * @param call what the call is
   * @return the call's observer; {@link CallObserver#NONE} to see nothing more of it
   */
  CallObserver callStarted(CallStarted call);

  /**
   * A wait for completion polled the purge's status and got an answer. The poll's own status call
   * was seen through {@link #callStarted(CallStarted)} already; a poll that failed (a 429, say) is
   * seen there only.
   *
   * @param poll the poll
   */
  default void polled(Polled poll) {}

  /** What the API is asked. */
  enum Operation {
    /** {@code POST /v1/files/purge}. */
    PURGE,
    /** {@code GET /v1/files/purge/{requestId}}. */
    STATUS
  }

  /**
   * A poll of a wait for completion that got its answer.
   *
   * @param requestId the purge waited for
   * @param poll the number of this poll, from 1
   * @param status the status it found
   * @param elapsed the time since the wait began
   */
  record Polled(PurgeRequestId requestId, int poll, PurgeCacheStatus status, Duration elapsed) {

    /**
     * Creates the event.
     *
     * @param requestId the purge waited for
     * @param poll the number of this poll, from 1
     * @param status the status it found
     * @param elapsed the time since the wait began
     * @throws NullPointerException if an argument is null
     */
    public Polled {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /**
   * A call that begins.
   *
   * @param operation what the API is asked
   * @param transport the name of the transport that carries it, such as {@code jdk}
   */
  record CallStarted(Operation operation, String transport) {

    /**
     * Creates the event.
     *
     * @param operation what the API is asked
     * @param transport the name of the transport
     * @throws NullPointerException if an argument is null
     */
    public CallStarted {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(transport, "transport");
    }
  }
}
