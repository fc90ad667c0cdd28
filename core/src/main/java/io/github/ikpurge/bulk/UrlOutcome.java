package io.github.ikpurge.bulk;

import io.github.ikpurge.domain.PurgeRequestId;
import java.util.Objects;
import java.util.Optional;

/** What became of one URL of a bulk purge: exactly one {@link Kind} per URL of the input. */
public final class UrlOutcome {

  /** The ways a URL can end. */
  public enum Kind {
    /** The API accepted the purge; {@link #requestId()} names it. */
    ACCEPTED,
    /**
     * Not purged: the API refused it with a 4xx, or the URL is not one the API can purge, so
     * nothing was sent; {@link #error()} says which.
     */
    REFUSED,
    /**
     * The purge failed without a clear answer (a 5xx, a time-out, a dropped connection, an answer
     * that could not be read): it may or may not have been made; {@link #error()} says what
     * happened. A later run with the same journal treats it as {@link #IN_DOUBT}.
     */
    FAILED,
    /** Skipped: the same URL came earlier in the input. */
    DUPLICATE,
    /** Skipped: a wildcard purge earlier in the input covers it; {@link #coveredBy()} names it. */
    COVERED,
    /** Not sent: the run stopped at an error that every later purge would meet too. */
    NOT_SENT,
    /**
     * Not sent again: an earlier run with the same journal sent it and stopped before its answer
     * came, or its purge {@link #FAILED}, so the API may or may not have made it. Sending it again
     * could purge it twice.
     */
    IN_DOUBT
  }

  private final long index;
  private final String url;
  private final Kind kind;
  private final PurgeRequestId requestId;
  private final RuntimeException error;
  private final String coveredBy;
  private final boolean fromJournal;

  private UrlOutcome(
      long index,
      String url,
      Kind kind,
      PurgeRequestId requestId,
      RuntimeException error,
      String coveredBy,
      boolean fromJournal) {
    this.index = index;
    this.url = Objects.requireNonNull(url, "url");
    this.kind = kind;
    this.requestId = requestId;
    this.error = error;
    this.coveredBy = coveredBy;
    this.fromJournal = fromJournal;
  }

  static UrlOutcome accepted(long index, String url, PurgeRequestId id, boolean fromJournal) {
    return new UrlOutcome(
        index, url, Kind.ACCEPTED, Objects.requireNonNull(id, "id"), null, null, fromJournal);
  }

  static UrlOutcome refused(long index, String url, RuntimeException error) {
    return new UrlOutcome(
        index, url, Kind.REFUSED, null, Objects.requireNonNull(error, "error"), null, false);
  }

  static UrlOutcome failed(long index, String url, RuntimeException error) {
    return new UrlOutcome(
        index, url, Kind.FAILED, null, Objects.requireNonNull(error, "error"), null, false);
  }

  static UrlOutcome skipped(long index, String url, Kind kind, String coveredBy) {
    return new UrlOutcome(index, url, kind, null, null, coveredBy, false);
  }

  static UrlOutcome notSent(long index, String url, RuntimeException stoppedBy) {
    return new UrlOutcome(index, url, Kind.NOT_SENT, null, stoppedBy, null, false);
  }

  static UrlOutcome inDoubt(long index, String url) {
    return new UrlOutcome(index, url, Kind.IN_DOUBT, null, null, null, true);
  }

  /**
   * Returns the URL's position in the input, from 0.
   *
   * @return the index
   */
  public long index() {
    return index;
  }

  /**
   * Returns the URL as given.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Returns how the URL ended.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the accepted purge's id; present for {@link Kind#ACCEPTED} only.
   *
   * @return the request id, or empty
   */
  public Optional<PurgeRequestId> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns why the URL was refused ({@link Kind#REFUSED}: an {@link
   * io.github.ikpurge.error.ApiException}, or an {@link IllegalArgumentException} for a URL the API
   * cannot purge), how its purge failed ({@link Kind#FAILED}), or the error that stopped the run
   * ({@link Kind#NOT_SENT}).
   *
   * @return the error, or empty
   */
  public Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the wildcard URL that covers this one; present for {@link Kind#COVERED} only.
   *
   * @return the wildcard URL, or empty
   */
  public Optional<String> coveredBy() {
    return Optional.ofNullable(coveredBy);
  }

  /**
   * Returns whether this outcome was read from the journal of an earlier run rather than sent now.
   *
   * @return true if it came from the journal
   */
  public boolean fromJournal() {
    return fromJournal;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append('#').append(index).append(' ').append(kind);
    if (requestId != null) {
      text.append(' ').append(requestId.value());
    }
    if (coveredBy != null) {
      text.append(" by ").append(coveredBy);
    }
    if (error != null) {
      text.append(": ").append(error.getMessage());
    }
    return text.append(' ').append(url).toString();
  }
}
