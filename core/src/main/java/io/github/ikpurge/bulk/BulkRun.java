package io.github.ikpurge.bulk;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.BulkPurgeException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.UnauthorizedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a {@link BulkPurge}: reads the input as purges finish, sends each new URL, reports
 * each outcome, then waits for the accepted purges. Every change of its state runs on the run's own
 * thread, one task at a time: the state needs no lock, the listener is never called concurrently,
 * and a slow input or listener holds up this run only, never the client's threads.
 */
final class BulkRun {

  private final AsyncPurgeClient client;
  private final int concurrency;
  private final Path journalFile;
  private final BulkPurgeListener listener;
  private final Duration maxWait;
  private final Iterable<String> input;

  private final CompletableFuture<BulkPurgeSummary> result = new CompletableFuture<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread runner = new Thread(task, "ikpurge-bulk");
            runner.setDaemon(true);
            return runner;
          });
  private final long started = System.nanoTime();

  /** A URL to send again, with its index. */
  private record Pending(long index, String url) {}

  // Touched by the run's thread only.
  private Journal journal;
  private Iterator<String> urls;
  private long nextIndex;
  private boolean inputDone;
  private boolean wildcardInFlight;
  private boolean paused;
  private final Deque<Pending> toResend = new ArrayDeque<>();
  private RuntimeException stoppedBy;
  private final Set<String> seen = new HashSet<>();
  private final Wildcards wildcards = new Wildcards();
  private final Map<UrlOutcome.Kind, Long> counts = new EnumMap<>(UrlOutcome.Kind.class);
  private final Set<CompletableFuture<?>> inFlight = new HashSet<>();
  private final List<UrlOutcome> accepted = new ArrayList<>();
  private final Set<PurgeRequestId> completedEarlier = new HashSet<>();
  private int nextToAwait;
  private long waitDeadline;
  private long completed;
  private long notCompleted;

  BulkRun(
      PurgeClient client,
      int concurrency,
      Path journalFile,
      BulkPurgeListener listener,
      Duration maxWait,
      Iterable<String> input) {
    this.client = client.async();
    this.concurrency = concurrency;
    this.journalFile = journalFile;
    this.listener = listener;
    this.maxWait = maxWait;
    this.input = input;
  }

  CompletableFuture<BulkPurgeSummary> start() {
    result.whenComplete(
        (summary, failure) -> {
          if (result.isCancelled()) {
            run(this::cancelInFlight);
          }
        });
    // The journal is claimed here, on the caller's thread, so that a run of the same journal
    // started after this one has returned is refused, however late this run's thread starts.
    Journal opened = null;
    BulkPurgeException unusable = null;
    if (journalFile != null) {
      try {
        opened = Journal.open(journalFile);
      } catch (IOException e) {
        unusable =
            new BulkPurgeException("the journal " + journalFile + " cannot be used: " + e, e);
      }
    }
    Journal claimed = opened;
    BulkPurgeException refused = unusable;
    run(
        () -> {
          if (refused != null) {
            throw refused;
          }
          begin(claimed);
        });
    return result;
  }

  /** Runs {@code task} on the run's thread; a task that throws ends the run with its failure. */
  private void run(Runnable task) {
    try {
      thread.execute(
          () -> {
            try {
              task.run();
            } catch (Throwable e) {
              fail(e);
            }
          });
    } catch (RejectedExecutionException e) {
      // The run has ended: what comes after it changes nothing.
    }
  }

  private void begin(Journal claimed) {
    journal = claimed;
    try {
      urls = input.iterator();
    } catch (RuntimeException e) {
      throw new BulkPurgeException("the input failed before its first URL: " + e, e);
    }
    sendMore();
  }

  /** Sends URLs until the slots are full, the input ends, or a wildcard's answer is awaited. */
  private void sendMore() {
    while (!result.isDone()
        && !paused
        && inFlight.size() < concurrency
        && !wildcardInFlight
        && !toResend.isEmpty()) {
      Pending again = toResend.poll();
      send(again.index(), again.url());
    }
    while (!result.isDone()
        && !paused
        && inFlight.size() < concurrency
        && !wildcardInFlight
        && toResend.isEmpty()
        && nextUrlIsThere()) {
      long index = nextIndex++;
      consider(index, nextUrl(index));
    }
    if (inputDone && inFlight.isEmpty() && toResend.isEmpty() && !paused && !result.isDone()) {
      startWaiting();
    }
  }

  private boolean nextUrlIsThere() {
    if (inputDone) {
      return false;
    }
    try {
      inputDone = !urls.hasNext();
    } catch (RuntimeException e) {
      throw new BulkPurgeException("the input failed after " + nextIndex + " URLs: " + e, e);
    }
    return !inputDone;
  }

  private String nextUrl(long index) {
    String url;
    try {
      url = urls.next();
    } catch (RuntimeException e) {
      throw new BulkPurgeException("the input failed at index " + index + ": " + e, e);
    }
    if (url == null) {
      throw new BulkPurgeException(
          "the input holds null at index " + index,
          new NullPointerException("url at index " + index));
    }
    return url;
  }

  private void consider(long index, String url) {
    if (!seen.add(url)) {
      report(UrlOutcome.skipped(index, url, UrlOutcome.Kind.DUPLICATE, null));
      return;
    }
    String wildcard = wildcards.coveredBy(url);
    if (wildcard != null) {
      report(UrlOutcome.skipped(index, url, UrlOutcome.Kind.COVERED, wildcard));
      return;
    }
    Journal.Entry earlier = journal == null ? null : journal.earlier(url);
    if (earlier != null) {
      if (earlier.state() == Journal.State.IN_DOUBT) {
        report(UrlOutcome.inDoubt(index, url));
        return;
      }
      if (earlier.state() == Journal.State.COMPLETED) {
        completedEarlier.add(earlier.requestId());
      }
      if (Wildcards.isWildcard(url)) {
        wildcards.add(url);
      }
      accept(UrlOutcome.accepted(index, url, earlier.requestId(), true));
      return;
    }
    if (stoppedBy != null) {
      report(UrlOutcome.notSent(index, url, stoppedBy));
      return;
    }
    send(index, url);
  }

  private void send(long index, String url) {
    // Written before the purge can leave: a run killed after sending leaves the URL in doubt.
    journal(j -> j.sending(url));
    CompletableFuture<PurgeResult> purge;
    try {
      purge = client.purge(url);
    } catch (RuntimeException e) {
      // Refused before anything was sent: not a URL the API can purge, or a closed client.
      journal(j -> j.unsent(url));
      report(UrlOutcome.refused(index, url, e));
      return;
    }
    inFlight.add(purge);
    wildcardInFlight = Wildcards.isWildcard(url);
    purge.whenComplete((done, failure) -> run(() -> purged(index, url, purge, failure)));
  }

  private void purged(
      long index, String url, CompletableFuture<PurgeResult> purge, Throwable failure) {
    if (!inFlight.remove(purge) || result.isDone()) {
      return;
    }
    if (Wildcards.isWildcard(url)) {
      wildcardInFlight = false;
    }
    if (failure == null) {
      PurgeRequestId id = purge.join().requestId();
      journal(j -> j.accepted(url, id));
      if (Wildcards.isWildcard(url)) {
        wildcards.add(url);
      }
      accept(UrlOutcome.accepted(index, url, id, false));
    } else {
      RuntimeException error = unwrap(failure);
      if (error instanceof ImageKitTimeoutException held
          && held.scope() == ImageKitTimeoutException.Scope.RATE_LIMIT) {
        // Not sent: the account's rate limit holds every sender for longer than a call may wait.
        // The URL goes out again once the hold has had time to pass.
        journal(j -> j.unsent(url));
        toResend.addFirst(new Pending(index, url));
        pause();
      } else if (refusedByTheApi(error)) {
        journal(j -> j.failed(url, true, error.getClass().getSimpleName()));
        if (stoppedBy == null
            && (error instanceof UnauthorizedException || error instanceof ForbiddenException)) {
          // The key or the account is refused: every later purge would be too.
          stoppedBy = error;
        }
        report(UrlOutcome.refused(index, url, error));
      } else {
        journal(j -> j.failed(url, false, error.getClass().getSimpleName()));
        report(UrlOutcome.failed(index, url, error));
      }
    }
    sendMore();
  }

  /**
   * Returns whether the API answered that it did not purge: a 4xx. A 5xx, a time-out, a dropped
   * connection or an unreadable answer leave it open whether the purge was made.
   */
  private static boolean refusedByTheApi(RuntimeException error) {
    return error instanceof ApiException api && api.statusCode() >= 400 && api.statusCode() < 500;
  }

  /** Sends nothing for a second, then goes on: long enough for a hold to pass or shrink. */
  private void pause() {
    if (paused) {
      return;
    }
    paused = true;
    try {
      thread.schedule(
          () ->
              run(
                  () -> {
                    paused = false;
                    sendMore();
                  }),
          1,
          TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      // The run has ended.
    }
  }

  private void accept(UrlOutcome outcome) {
    if (maxWait != null) {
      // Kept only to be waited for: a run that does not wait holds no outcome.
      accepted.add(outcome);
    }
    report(outcome);
  }

  private void startWaiting() {
    if (maxWait == null) {
      finish();
      return;
    }
    waitDeadline = System.nanoTime() + maxWait.toNanos();
    awaitMore();
  }

  private void awaitMore() {
    while (!result.isDone() && inFlight.size() < concurrency && nextToAwait < accepted.size()) {
      UrlOutcome purge = accepted.get(nextToAwait++);
      PurgeRequestId id = purge.requestId().orElseThrow();
      if (completedEarlier.contains(id)) {
        completed++;
        notify(UrlCompletion.completedEarlier(purge.index(), purge.url(), id));
        continue;
      }
      Duration left = Duration.ofNanos(Math.max(1, waitDeadline - System.nanoTime()));
      CompletableFuture<PurgeStatusResult> wait = client.awaitCompletion(id.value(), left);
      inFlight.add(wait);
      wait.whenComplete((done, failure) -> run(() -> awaited(purge, id, wait, failure)));
    }
    if (nextToAwait == accepted.size() && inFlight.isEmpty() && !result.isDone()) {
      finish();
    }
  }

  private void awaited(
      UrlOutcome purge,
      PurgeRequestId id,
      CompletableFuture<PurgeStatusResult> wait,
      Throwable failure) {
    if (!inFlight.remove(wait) || result.isDone()) {
      return;
    }
    if (failure == null) {
      completed++;
      journal(j -> j.completed(purge.url(), id));
      notify(UrlCompletion.completed(purge.index(), purge.url(), id, wait.join()));
    } else {
      notCompleted++;
      notify(UrlCompletion.failed(purge.index(), purge.url(), id, unwrap(failure)));
    }
    awaitMore();
  }

  private void report(UrlOutcome outcome) {
    counts.merge(outcome.kind(), 1L, Long::sum);
    try {
      listener.onPurge(outcome);
    } catch (RuntimeException e) {
      throw new BulkPurgeException("the listener failed on " + outcome + ": " + e, e);
    }
  }

  private void notify(UrlCompletion completion) {
    try {
      listener.onCompletion(completion);
    } catch (RuntimeException e) {
      throw new BulkPurgeException("the listener failed on " + completion + ": " + e, e);
    }
  }

  private void finish() {
    closeJournal();
    thread.shutdown();
    result.complete(
        new BulkPurgeSummary(
            counts,
            completed,
            notCompleted,
            stoppedBy,
            Duration.ofNanos(System.nanoTime() - started)));
  }

  private void fail(Throwable failure) {
    cancelInFlight();
    closeJournal();
    thread.shutdown();
    result.completeExceptionally(failure);
  }

  private void cancelInFlight() {
    for (CompletableFuture<?> call : inFlight) {
      call.cancel(true);
    }
    inFlight.clear();
    closeJournal();
    thread.shutdown();
  }

  private void closeJournal() {
    if (journal == null) {
      return;
    }
    try {
      journal.close();
    } catch (IOException e) {
      // Every record was written through already; the run's outcome stands.
    }
    journal = null;
  }

  private interface JournalWrite {
    void to(Journal journal) throws IOException;
  }

  private void journal(JournalWrite write) {
    if (journal == null) {
      return;
    }
    try {
      write.to(journal);
    } catch (IOException e) {
      throw new BulkPurgeException("the journal " + journalFile + " cannot be written: " + e, e);
    }
  }

  private static RuntimeException unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new CompletionException(cause);
  }
}
