package io.github.ikpurge.internal;

import io.github.ikpurge.error.ImageKitException;
import java.time.Duration;

/**
 * What one attempt came to: a value, or an error with whether it may be retried, the wait the
 * server asked for, and how many requests the attempt put on the wire.
 *
 * @param <T> the call's result type
 */
final class Outcome<T> {

  final T value;
  final ImageKitException error;
  final boolean retryable;
  final Duration requestedWait;
  final int requestsSent;

  private Outcome(
      T value,
      ImageKitException error,
      boolean retryable,
      Duration requestedWait,
      int requestsSent) {
    this.value = value;
    this.error = error;
    this.retryable = retryable;
    this.requestedWait = requestedWait;
    this.requestsSent = requestsSent;
  }

  static <T> Outcome<T> success(T value) {
    return new Outcome<>(value, null, false, null, 1);
  }

  static <T> Outcome<T> failure(ImageKitException error, boolean retryable) {
    return new Outcome<>(null, error, retryable, null, 1);
  }

  static <T> Outcome<T> failure(
      ImageKitException error, boolean retryable, Duration requestedWait) {
    return new Outcome<>(null, error, retryable, requestedWait, 1);
  }

  /** Returns this outcome of an exchange that put the request on the wire {@code times}. */
  Outcome<T> sent(int times) {
    return times == requestsSent
        ? this
        : new Outcome<>(value, error, retryable, requestedWait, times);
  }
}
