package io.github.ikpurge.bulk;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.BulkPurgeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Purges many URLs with one client: at most {@link Builder#concurrency concurrency} purges in
 * flight, each paced by the client's rate limiter (shared by every client of the same account in
 * the JVM), one {@link UrlOutcome} per URL reported as it happens, and optionally a wait for every
 * accepted purge to complete.
 *
 * <p>The input is read lazily, one URL as a slot frees up, so a run does not read ahead of its
 * sends; it keeps each distinct URL it has seen (to skip duplicates and URLs that an earlier
 * wildcard covers) and, when it waits, the ids of the accepted purges. It stops sending at the
 * first error that every later purge would meet too (a 401 or 403) and reports the rest as {@link
 * UrlOutcome.Kind#NOT_SENT}. A purge the account's rate limit holds past its call's deadline was
 * not sent: the run sends it again once the hold has had time to pass.
 *
 * <p>With a {@link Builder#journal journal}, the run appends each URL it sends and each answer to a
 * file, one write per record; a run started again with the same journal after it was killed sends
 * no URL a second time: it waits for those already accepted and reports those whose answer never
 * came (or came as a 5xx or a failure without an answer) as {@link UrlOutcome.Kind#IN_DOUBT}.
 *
 * <p>Each run has a thread of its own, on which it reads the input, calls the listener and writes
 * the journal: a slow input or listener holds up that run only.
 *
 * <p>A {@code BulkPurge} is immutable and thread-safe; each run is independent of the others. The
 * client stays the caller's to close.
 */
public final class BulkPurge {

  /** The default number of purges in flight at once. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** The longest wait for completion a run accepts. */
  public static final Duration LONGEST_WAIT = Duration.ofDays(365);

  /** The most purges in flight at once a run accepts. */
  public static final int MAX_CONCURRENCY = 256;

  private final PurgeClient client;
  private final int concurrency;
  private final Path journal;
  private final BulkPurgeListener listener;
  private final Duration maxWait;

  private BulkPurge(Builder builder) {
    this.client = builder.client;
    this.concurrency = builder.concurrency;
    this.journal = builder.journal;
    this.listener = builder.listener;
    this.maxWait = builder.maxWait;
  }

  /**
   * Starts a builder of bulk purges made with {@code client}.
   *
   * @param client the client that sends the purges and status polls
   * @return a new builder
   * @throws NullPointerException if {@code client} is null
   */
  public static Builder builder(PurgeClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Purges every URL of {@code urls}, and waits for them if the builder asked to, blocking until
   * the run ends.
   *
   * @param urls the URLs, read lazily, once
   * @return the run's counts
   * @throws NullPointerException if {@code urls} is null
   * @throws BulkPurgeException if the journal cannot be read or written, the input or the listener
   *     throws, or the calling thread is interrupted (the flag is kept, and the run stops)
   */
  public BulkPurgeSummary run(Iterable<String> urls) {
    CompletableFuture<BulkPurgeSummary> run = runAsync(urls);
    try {
      return run.get();
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
      throw new BulkPurgeException("the bulk purge was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BulkPurgeException bulk) {
        throw new BulkPurgeException(bulk.getMessage(), bulk);
      }
      throw new BulkPurgeException("the bulk purge failed: " + cause, cause);
    } catch (CancellationException e) {
      throw new BulkPurgeException("the bulk purge was cancelled", e);
    }
  }

  /**
   * Purges every URL of {@code urls}; see {@link #run(Iterable)}. The stream stays the caller's to
   * close.
   *
   * @param urls the URLs, read lazily
   * @return the run's counts
   * @throws NullPointerException if {@code urls} is null
   * @throws BulkPurgeException as {@link #run(Iterable)}
   */
  public BulkPurgeSummary run(Stream<String> urls) {
    Objects.requireNonNull(urls, "urls");
    return run(urls::iterator);
  }

  /**
   * Starts a run without blocking: the input is read, and the listener called, on the threads that
   * complete the purges. Cancelling the future stops the run: no further URL is sent, and the
   * purges and polls in flight are cancelled.
   *
   * @param urls the URLs, read lazily, once
   * @return a future of the run's counts; it fails with a {@link BulkPurgeException} where {@link
   *     #run(Iterable)} would throw one
   * @throws NullPointerException if {@code urls} is null
   */
  public CompletableFuture<BulkPurgeSummary> runAsync(Iterable<String> urls) {
    Objects.requireNonNull(urls, "urls");
    return new BulkRun(client, concurrency, journal, listener, maxWait, urls).start();
  }

  @Override
  public String toString() {
    return "BulkPurge[concurrency="
        + concurrency
        + ", journal="
        + journal
        + ", wait="
        + (maxWait == null ? "no" : maxWait)
        + ']';
  }

  /** Builds a {@link BulkPurge}; not thread-safe. */
  public static final class Builder {

    private final PurgeClient client;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Path journal;
    private BulkPurgeListener listener = new BulkPurgeListener() {};
    private Duration maxWait;

    private Builder(PurgeClient client) {
      this.client = client;
    }

    /**
     * Sets how many purges may be in flight at once ({@value #DEFAULT_CONCURRENCY} by default); the
     * rate limiter, not this, keeps a run within the account's limit.
     *
     * @param concurrency from 1 to {@value #MAX_CONCURRENCY}
     * @return this builder
     * @throws IllegalArgumentException if {@code concurrency} is out of that range
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "concurrency must be from 1 to " + MAX_CONCURRENCY + "; was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Keeps a journal in {@code file}, created if absent, appended to otherwise; see {@link
     * BulkPurge}.
     *
     * @param file the journal file
     * @return this builder
     * @throws NullPointerException if {@code file} is null
     */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Sets the listener told of each URL's outcome.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(BulkPurgeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Makes each run wait, once its input is sent, for every accepted purge to complete, each for
     * at most {@code maxWait} from when the waiting begins; by default a run does not wait.
     *
     * @param maxWait the longest wait, positive
     * @return this builder
     * @throws NullPointerException if {@code maxWait} is null
     * @throws IllegalArgumentException if {@code maxWait} is zero, negative or longer than {@link
     *     #LONGEST_WAIT}
     */
    public Builder awaitCompletion(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isZero() || maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must be positive; was " + maxWait);
      }
      if (maxWait.compareTo(LONGEST_WAIT) > 0) {
        throw new IllegalArgumentException(
            "maxWait must be at most " + LONGEST_WAIT.toDays() + " days; was " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    /**
     * Builds the bulk purge.
     *
     * @return a new bulk purge
     */
    public BulkPurge build() {
      return new BulkPurge(this);
    }
  }
}
