package io.github.ikpurge.bulk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The counts of a finished bulk purge: one per {@link UrlOutcome.Kind}, and of the waits. */
public final class BulkPurgeSummary {

  private final Map<UrlOutcome.Kind, Long> counts;
  private final long completed;
  private final long notCompleted;
  private final RuntimeException stoppedBy;
  private final Duration elapsed;

  BulkPurgeSummary(
      Map<UrlOutcome.Kind, Long> counts,
      long completed,
      long notCompleted,
      RuntimeException stoppedBy,
      Duration elapsed) {
    this.counts = new EnumMap<>(counts);
    this.completed = completed;
    this.notCompleted = notCompleted;
    this.stoppedBy = stoppedBy;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * Returns how many URLs ended as {@code kind}.
   *
   * @param kind the kind
   * @return the count
   * @throws NullPointerException if {@code kind} is null
   */
  public long count(UrlOutcome.Kind kind) {
    return counts.getOrDefault(Objects.requireNonNull(kind, "kind"), 0L);
  }

  /**
   * Returns how many URLs the input held: the sum of every kind's count.
   *
   * @return the total
   */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns how many accepted purges were seen to complete (this run or, from the journal, an
   * earlier one); zero when the run did not wait.
   *
   * @return the count
   */
  public long completed() {
    return completed;
  }

  /**
   * Returns how many accepted purges were waited for and did not complete.
   *
   * @return the count
   */
  public long notCompleted() {
    return notCompleted;
  }

  /**
   * Returns the error that stopped the run early, leaving the rest of the input {@link
   * UrlOutcome.Kind#NOT_SENT}: one that every later purge would meet too, such as a 401 or 403.
   *
   * @return the error, or empty if the run went through its input
   */
  public Optional<RuntimeException> stoppedBy() {
    return Optional.ofNullable(stoppedBy);
  }

  /**
   * Returns how long the run took.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(total()).append(" URLs:");
    for (UrlOutcome.Kind kind : UrlOutcome.Kind.values()) {
      text.append(' ').append(kind.name().toLowerCase(java.util.Locale.ROOT)).append('=');
      text.append(count(kind));
    }
    text.append("; completed=").append(completed).append(" not completed=").append(notCompleted);
    if (stoppedBy != null) {
      text.append("; stopped by ").append(stoppedBy.getClass().getSimpleName());
    }
    return text.append(" in ").append(elapsed.toMillis()).append(" ms").toString();
  }
}
