package io.github.ikpurge.cli;

import io.github.ikpurge.bulk.UrlCompletion;
import io.github.ikpurge.bulk.UrlOutcome;

/**
 * The counts of a bulk purge as it goes, for its progress line: told of each URL read from the
 * input, each outcome and each completion, from any thread.
 */
final class Tally {

  /**
   * A snapshot of the counts. {@code total} is the number of URLs in the input, or -1 while it is
   * not known (standard input not read to its end).
   */
  record Counts(
      long total,
      long read,
      long accepted,
      long refused,
      long skipped,
      long notSent,
      long inDoubt,
      long completed,
      long notCompleted,
      boolean waiting) {

    /** URLs that are done with: accepted (completed, with a wait), or skipped as duplicates. */
    long done() {
      return (waiting ? completed : accepted) + skipped;
    }

    /** URLs that failed: refused, not sent, in doubt, or not completed within the wait. */
    long failed() {
      return refused + notSent + inDoubt + notCompleted;
    }

    /** URLs neither done nor failed: not answered yet, or accepted and not completed yet. */
    long pending() {
      return (total < 0 ? read : total) - done() - failed();
    }
  }

  private final boolean waiting;
  private long total;
  private long read;
  private long accepted;
  private long refused;
  private long skipped;
  private long notSent;
  private long inDoubt;
  private long completed;
  private long notCompleted;

  /**
   * Starts counting.
   *
   * @param total the URLs in the input, or -1 if not known yet
   * @param waiting whether the run waits for completion
   */
  Tally(long total, boolean waiting) {
    this.total = total;
    this.waiting = waiting;
  }

  synchronized void urlRead() {
    read++;
  }

  /** The input has ended: its size is now known. */
  synchronized void inputEnded() {
    total = read;
  }

  synchronized void outcome(UrlOutcome outcome) {
    switch (outcome.kind()) {
      case ACCEPTED -> accepted++;
      case REFUSED, FAILED -> refused++;
      case DUPLICATE, COVERED -> skipped++;
      case NOT_SENT -> notSent++;
      case IN_DOUBT -> inDoubt++;
    }
  }

  synchronized void completion(UrlCompletion completion) {
    if (completion.completed()) {
      completed++;
    } else {
      notCompleted++;
    }
  }

  synchronized Counts counts() {
    return new Counts(
        total,
        read,
        accepted,
        refused,
        skipped,
        notSent,
        inDoubt,
        completed,
        notCompleted,
        waiting);
  }
}
