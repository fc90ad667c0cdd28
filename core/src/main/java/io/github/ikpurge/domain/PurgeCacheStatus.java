package io.github.ikpurge.domain;

import java.util.Objects;

/**
 * The state of a purge request as the API reports it: {@link #PENDING}, {@link #COMPLETED}, or a
 * value this SDK does not know yet, which is kept verbatim.
 *
 * <p>Instances are immutable and compare by their exact value.
 */
public final class PurgeCacheStatus {

  /** The purge was accepted and is in progress. */
  public static final PurgeCacheStatus PENDING = new PurgeCacheStatus("Pending");

  /** The purge is done: the next fetch of the file returns a fresh copy. */
  public static final PurgeCacheStatus COMPLETED = new PurgeCacheStatus("Completed");

  private final String value;

  private PurgeCacheStatus(String value) {
    this.value = value;
  }

  /**
   * Returns the status for a value the API sent.
   *
   * @param value the status string, kept exactly as given
   * @return {@link #PENDING} or {@link #COMPLETED} for those values, otherwise a status holding
   *     {@code value}
   * @throws NullPointerException if {@code value} is null
   */
  public static PurgeCacheStatus of(String value) {
    Objects.requireNonNull(value, "value");
    if (PENDING.value.equals(value)) {
      return PENDING;
    }
    if (COMPLETED.value.equals(value)) {
      return COMPLETED;
    }
    return new PurgeCacheStatus(value);
  }

  /** {@return the status exactly as the API sent it} */
  public String value() {
    return value;
  }

  /** {@return whether the purge is still in progress} */
  public boolean isPending() {
    return this == PENDING;
  }

  /** {@return whether the purge has finished} */
  public boolean isCompleted() {
    return this == COMPLETED;
  }

  /** {@return whether this is one of the documented values, Pending or Completed} */
  public boolean isKnown() {
    return this == PENDING || this == COMPLETED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PurgeCacheStatus that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
