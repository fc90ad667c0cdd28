package io.github.ikpurge.spi;

import io.github.ikpurge.error.ImageKitException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sees one call from its start to its end, in order: for each attempt, a wait for its rate-limit
 * slot (if any) and its end, with a retry between attempts; then the call's end, exactly once.
 * Every method does nothing by default. See {@link CallListener} for threads and exceptions.
 */
public interface CallObserver {

  /** An observer that sees nothing. */
  CallObserver NONE = new CallObserver() {};

  /**
   * The next attempt waits for its rate-limit slot before it is sent.
   *
   * @param wait how long it waits, positive
   */
  default void rateLimitWait(Duration wait) {}

  /**
   * An attempt ended: with a response, whatever its status, or without one.
   *
   * @param attempt the attempt
   */
  default void attemptEnded(AttemptEnded attempt) {}

  /**
   * The call will be tried again.
   *
   * @param retry when and why
   */
  default void retryScheduled(RetryScheduled retry) {}

  /**
   * The call ended, with its result or its failure. Called once, and last.
   *
   * @param call how it ended
   */
  default void callEnded(CallEnded call) {}

  /** An attempt that ended. */
  final class AttemptEnded {

    private final int attempt;
    private final int requests;
    private final int statusCode;
    private final Duration duration;
    private final Throwable failure;

    /**
     * Creates the event.
     *
     * @param attempt the attempt's number, from 1
     * @param requests the requests it put on the wire: more than 1 when the transport's library
     *     sent it again by itself
     * @param statusCode the response's status, or 0 if there was no response
     * @param duration how long it took
     * @param failure what went wrong without a response, or null
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if a number is out of range, or a response and a failure are
     *     both given or both missing
     */
    public AttemptEnded(
        int attempt, int requests, int statusCode, Duration duration, Throwable failure) {
      if (attempt < 1 || requests < 1 || statusCode < 0 || statusCode > 999) {
        throw new IllegalArgumentException(
            "attempt " + attempt + ", requests " + requests + ", status " + statusCode);
      }
      if ((statusCode == 0) == (failure == null)) {
        throw new IllegalArgumentException("an attempt has a status or a failure, not both");
      }
      this.attempt = attempt;
      this.requests = requests;
      this.statusCode = statusCode;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.failure = failure;
    }

    /** {@return the attempt's number, from 1} */
    public int attempt() {
      return attempt;
    }

    /** {@return the requests the attempt put on the wire, usually 1} */
    public int requests() {
      return requests;
    }

    /** {@return the response's status, if there was a response} */
    public OptionalInt statusCode() {
      return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** {@return how long the attempt took} */
    public Duration duration() {
      return duration;
    }

    /** {@return what went wrong, if the attempt had no response} */
    public Optional<Throwable> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
      return "AttemptEnded[attempt="
          + attempt
          + ", requests="
          + requests
          + ", "
          + (failure == null ? "status=" + statusCode : "failure=" + failure.getClass().getName())
          + ", duration="
          + duration
          + ']';
    }
  }

  /**
   * A retry that is scheduled.
   *
   * @param failedAttempt the number of the attempt that failed (the last one, if its library sent
   *     it again by itself)
   * @param delay how long the call waits before the next attempt
   * @param reason why: the error the call would end with if it were not retried
   */
  record RetryScheduled(int failedAttempt, Duration delay, ImageKitException reason) {

    /**
     * Creates the event.
     *
     * @param failedAttempt the number of the attempt that failed, from 1
     * @param delay the wait before the next attempt
     * @param reason the error that is retried
     * @throws NullPointerException if an argument is null
     */
    public RetryScheduled {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A call that ended. */
  final class CallEnded {

    private final int attempts;
    private final int statusCode;
    private final Duration duration;
    private final Throwable failure;

    /**
     * Creates the event.
     *
     * @param attempts the attempts the call made, each request a library re-sent by itself counted
     *     as one (the engine's count, which a server sees); 0 if it ended before its first
     * @param statusCode the last response's status, or 0 if the last attempt had no response
     * @param duration how long the call took, waits included
     * @param failure what the call failed with, or null if it succeeded
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public CallEnded(int attempts, int statusCode, Duration duration, Throwable failure) {
      if (attempts < 0 || statusCode < 0 || statusCode > 999) {
        throw new IllegalArgumentException("attempts " + attempts + ", status " + statusCode);
      }
      this.attempts = attempts;
      this.statusCode = statusCode;
      this.duration = Objects.requireNonNull(duration, "duration");
      this.failure = failure;
    }

    /** {@return the attempts the call made, the library's own re-sends counted} */
    public int attempts() {
      return attempts;
    }

    /** {@return the last response's status, if the last attempt had one} */
    public OptionalInt statusCode() {
      return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** {@return how long the call took, waits included} */
    public Duration duration() {
      return duration;
    }

    /** {@return what the call failed with; empty if it succeeded} */
    public Optional<Throwable> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
      return "CallEnded[attempts="
          + attempts
          + ", status="
          + statusCode
          + ", duration="
          + duration
          + (failure == null ? "" : ", failure=" + failure.getClass().getName())
          + ']';
    }
  }
}
