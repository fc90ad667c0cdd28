package io.github.ikpurge.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.bulk.UrlOutcome.Kind;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.BulkPurgeException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.InternalServerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkPurgeTest {

  private static final String BASE = "https://ik.imagekit.io/demo/";

  private final FakeApi api = new FakeApi();
  private final PurgeClient client =
      PurgeClient.builder()
          .privateKey("private_bulk_" + System.nanoTime())
          .transport(api)
          .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
          .build();
  private final Recorder recorder = new Recorder();

  @TempDir Path dir;

  @AfterEach
  void close() {
    client.close();
  }

  private static List<String> urls(int count) {
    return IntStream.range(0, count).mapToObj(i -> BASE + "img-" + i + ".png").toList();
  }

  private BulkPurge.Builder bulk() {
    return BulkPurge.builder(client).listener(recorder);
  }

  @Test
  void givesEveryUrlExactlyOneOutcomeInItsIndexAndSendsEachOnce() {
    List<String> urls = urls(300);

    BulkPurgeSummary summary = bulk().concurrency(16).build().run(urls);

    assertThat(summary.total()).isEqualTo(300);
    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(300);
    assertThat(summary.stoppedBy()).isEmpty();
    assertThat(recorder.outcomes).hasSize(300);
    assertThat(recorder.outcomes.stream().map(UrlOutcome::index).sorted())
        .containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
    for (UrlOutcome outcome : recorder.outcomes) {
      assertThat(outcome.url()).isEqualTo(urls.get((int) outcome.index()));
      assertThat(outcome.requestId()).isPresent();
      assertThat(api.purgesOf(outcome.url())).isEqualTo(1);
    }
    assertThat(api.purges()).isEqualTo(300);
  }

  @Test
  void keepsAtMostTheConcurrencyInFlightAndReadsTheInputOnlyAsSlotsFree() throws Exception {
    CompletableFuture<Void> open = new CompletableFuture<>();
    java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(3);
    api.gate(
        url -> {
          sent.countDown();
          return open;
        });
    AtomicLong read = new AtomicLong();
    Iterable<String> counted =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public String next() {
                return BASE + "lazy-" + read.incrementAndGet();
              }
            };
    CompletableFuture<BulkPurgeSummary> run = bulk().concurrency(3).build().runAsync(counted);

    // An endless input: only as many URLs are read as there are slots, until answers come.
    assertThat(sent.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(read.get()).isEqualTo(3);
    assertThat(api.mostInFlight()).isLessThanOrEqualTo(3);
    run.cancel(true);
    assertThat(run).isCancelled();
  }

  @Test
  void skipsDuplicatesAndUrlsThatAnAcceptedWildcardCovers() {
    List<String> urls =
        List.of(
            BASE + "a.png",
            BASE + "images/*",
            BASE + "images/b.png",
            BASE + "a.png",
            BASE + "images/deeper/*",
            BASE + "imagesX.png",
            BASE + "images/*");

    BulkPurgeSummary summary = bulk().concurrency(4).build().run(urls);

    assertThat(recorder.kinds())
        .containsExactly(
            Kind.ACCEPTED,
            Kind.ACCEPTED,
            Kind.COVERED,
            Kind.DUPLICATE,
            Kind.COVERED,
            Kind.ACCEPTED,
            Kind.DUPLICATE);
    assertThat(recorder.byIndex(2).coveredBy()).contains(BASE + "images/*");
    assertThat(recorder.byIndex(4).coveredBy()).contains(BASE + "images/*");
    assertThat(summary.count(Kind.COVERED)).isEqualTo(2);
    assertThat(summary.count(Kind.DUPLICATE)).isEqualTo(2);
    assertThat(api.purgesOf(BASE + "images/b.png")).isZero();
    assertThat(api.purges()).isEqualTo(3);
  }

  @Test
  void aRefusedWildcardCoversNothing() {
    api.answer(BASE + "images/*", 400);

    bulk().concurrency(4).build().run(List.of(BASE + "images/*", BASE + "images/b.png"));

    assertThat(recorder.kinds()).containsExactly(Kind.REFUSED, Kind.ACCEPTED);
    assertThat(api.purgesOf(BASE + "images/b.png")).isEqualTo(1);
  }

  @Test
  void refusesAUrlTheApiCannotPurgeAndGoesOn() {
    api.answer(BASE + "bad.png", 400);
    List<String> urls = List.of(BASE + "bad.png", "not a url", BASE + "good.png");

    BulkPurgeSummary summary = bulk().concurrency(1).build().run(urls);

    assertThat(recorder.kinds()).containsExactly(Kind.REFUSED, Kind.REFUSED, Kind.ACCEPTED);
    assertThat(recorder.byIndex(0).error()).containsInstanceOf(BadRequestException.class);
    assertThat(recorder.byIndex(1).error()).containsInstanceOf(IllegalArgumentException.class);
    assertThat(summary.count(Kind.REFUSED)).isEqualTo(2);
    assertThat(summary.stoppedBy()).isEmpty();
  }

  @Test
  void stopsAtA403AndReportsTheRestAsNotSent() {
    List<String> urls = urls(50);
    api.answer(urls.get(10), 403);

    BulkPurgeSummary summary = bulk().concurrency(1).build().run(urls);

    assertThat(summary.stoppedBy()).containsInstanceOf(ForbiddenException.class);
    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(10);
    assertThat(summary.count(Kind.REFUSED)).isEqualTo(1);
    assertThat(summary.count(Kind.NOT_SENT)).isEqualTo(39);
    assertThat(summary.total()).isEqualTo(50);
    assertThat(recorder.byIndex(49).error()).containsInstanceOf(ForbiddenException.class);
    assertThat(api.order()).hasSize(11);
  }

  @Test
  void callsTheListenerFromOneThreadAtATime() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    BulkPurgeListener slow =
        new BulkPurgeListener() {
          @Override
          public void onPurge(UrlOutcome outcome) {
            if (inside.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inside.decrementAndGet();
          }
        };

    BulkPurge.builder(client).concurrency(16).listener(slow).build().run(urls(400));

    assertThat(overlaps).hasValue(0);
  }

  @Test
  void waitsForEveryAcceptedPurgeWhenAsked() {
    BulkPurgeSummary summary =
        bulk().concurrency(4).awaitCompletion(Duration.ofSeconds(30)).build().run(urls(20));

    assertThat(summary.completed()).isEqualTo(20);
    assertThat(summary.notCompleted()).isZero();
    assertThat(recorder.completions).hasSize(20).allMatch(UrlCompletion::completed);
    assertThat(api.polls()).isEqualTo(20);
  }

  @Test
  void doesNotWaitUnlessAsked() {
    BulkPurgeSummary summary = bulk().build().run(urls(5));

    assertThat(summary.completed()).isZero();
    assertThat(recorder.completions).isEmpty();
    assertThat(api.polls()).isZero();
  }

  @Test
  void aResumedRunSendsNoUrlTwiceAndWaitsForThoseAcceptedBefore() throws Exception {
    Path journal = dir.resolve("run.jsonl");
    List<String> urls = urls(6);
    // An earlier run: two accepted (one seen to complete), one sent without an answer, one refused.
    Files.writeString(
        journal,
        String.join(
            "\n",
            "{\"event\":\"sending\",\"url\":\"" + urls.get(0) + "\"}",
            "{\"event\":\"accepted\",\"url\":\"" + urls.get(0) + "\",\"requestId\":\"old-0\"}",
            "{\"event\":\"sending\",\"url\":\"" + urls.get(1) + "\"}",
            "{\"event\":\"accepted\",\"url\":\"" + urls.get(1) + "\",\"requestId\":\"old-1\"}",
            "{\"event\":\"completed\",\"url\":\"" + urls.get(1) + "\",\"requestId\":\"old-1\"}",
            "{\"event\":\"sending\",\"url\":\"" + urls.get(2) + "\"}",
            "{\"event\":\"sending\",\"url\":\"" + urls.get(3) + "\"}",
            "{\"event\":\"refused\",\"url\":\"" + urls.get(3) + "\",\"error\":\"X\"}",
            "{\"event\":\"sending\",\"url\":\"" + urls.get(4)));

    BulkPurgeSummary summary =
        bulk().journal(journal).awaitCompletion(Duration.ofSeconds(30)).build().run(urls);

    assertThat(recorder.kinds())
        .containsExactly(
            Kind.ACCEPTED,
            Kind.ACCEPTED,
            Kind.IN_DOUBT,
            Kind.ACCEPTED,
            Kind.ACCEPTED,
            Kind.ACCEPTED);
    assertThat(recorder.byIndex(0).fromJournal()).isTrue();
    assertThat(recorder.byIndex(0).requestId().orElseThrow().value()).isEqualTo("old-0");
    assertThat(recorder.byIndex(3).fromJournal()).isFalse();
    // The torn last line named url 4: cut off, so url 4 was never sent as far as the journal knows.
    assertThat(api.purgesOf(urls.get(4))).isEqualTo(1);
    assertThat(api.purgesOf(urls.get(0))).isZero();
    assertThat(api.purgesOf(urls.get(2))).isZero();
    assertThat(api.purges()).isEqualTo(3);
    assertThat(summary.count(Kind.IN_DOUBT)).isEqualTo(1);
    // old-1 had completed: only old-0 and the three new ones are polled.
    assertThat(summary.completed()).isEqualTo(5);
    assertThat(api.polls()).isEqualTo(4);
    assertThat(recorder.completions.stream().filter(UrlCompletion::fromJournal)).hasSize(1);

    String written = Files.readString(journal, StandardCharsets.UTF_8);
    assertThat(written).endsWith("\n").doesNotContain(urls.get(4) + "{");
    recorder.outcomes.clear();

    bulk().journal(journal).build().run(urls);

    // A third run: everything is known now; nothing is sent again.
    assertThat(recorder.kinds())
        .containsExactly(
            Kind.ACCEPTED,
            Kind.ACCEPTED,
            Kind.IN_DOUBT,
            Kind.ACCEPTED,
            Kind.ACCEPTED,
            Kind.ACCEPTED);
    assertThat(api.purges()).isEqualTo(3);
  }

  @Test
  void aJournalWithAForeignLineBeforeItsLastIsRefusedByName() throws Exception {
    Path journal = dir.resolve("bad.jsonl");
    Files.writeString(journal, "{\"event\":\"sending\",\"url\":\"x\"}\nnot json\n{}\n");

    assertThatThrownBy(() -> bulk().journal(journal).build().run(urls(1)))
        .isInstanceOf(BulkPurgeException.class)
        .hasMessageContaining("line 2");
    assertThat(api.purges()).isZero();
  }

  @Test
  void aJournalServesOneRunAtATime() {
    Path journal = dir.resolve("busy.jsonl");
    CompletableFuture<Void> open = new CompletableFuture<>();
    api.gate(url -> open);
    CompletableFuture<BulkPurgeSummary> first = bulk().journal(journal).build().runAsync(urls(2));

    assertThatThrownBy(() -> bulk().journal(journal).build().run(urls(2)))
        .isInstanceOf(BulkPurgeException.class)
        .hasMessageContaining("in use by another run in this JVM");
    open.complete(null);
    assertThat(first.join().count(Kind.ACCEPTED)).isEqualTo(2);
    // Once the first run ended, its journal is free again.
    assertThat(bulk().journal(journal).build().run(urls(2)).count(Kind.ACCEPTED)).isEqualTo(2);
    assertThat(api.purges()).isEqualTo(2);
  }

  @Test
  void aPurgeFailedWithoutAClearAnswerIsFailedAndInDoubtOnResume() throws Exception {
    Path journal = dir.resolve("failed.jsonl");
    api.answer(BASE + "5xx.png", 502);

    bulk().journal(journal).build().run(List.of(BASE + "5xx.png"));
    assertThat(recorder.kinds()).containsExactly(Kind.FAILED);
    assertThat(recorder.byIndex(0).error()).containsInstanceOf(InternalServerException.class);
    recorder.outcomes.clear();
    bulk().journal(journal).build().run(List.of(BASE + "5xx.png"));

    // A 502 may come from a gateway after the purge was made: never sent a second time.
    assertThat(recorder.kinds()).containsExactly(Kind.IN_DOUBT);
    assertThat(api.order()).hasSize(1);
  }

  @Test
  void aResumedRunStillSkipsWhatAnAcceptedWildcardCovers() throws Exception {
    Path journal = dir.resolve("wild.jsonl");
    List<String> urls = List.of(BASE + "img/*", BASE + "img/a.png");
    bulk().journal(journal).build().run(urls);
    recorder.outcomes.clear();

    bulk().journal(journal).build().run(urls);

    assertThat(recorder.kinds()).containsExactly(Kind.ACCEPTED, Kind.COVERED);
    assertThat(api.purges()).isEqualTo(1);
  }

  @Test
  void aPurgeTheRateLimitHeldPastItsDeadlineIsSentAgainLaterAndOnlyOnce() throws Exception {
    AtomicInteger held = new AtomicInteger(3);
    io.github.ikpurge.spi.RateLimiter holding =
        new io.github.ikpurge.spi.RateLimiter() {
          @Override
          public Duration reserve(Duration maxWait) {
            // The first three reservations come after any deadline, then every one at once.
            return held.getAndDecrement() > 0 ? maxWait.plusSeconds(1) : Duration.ZERO;
          }

          @Override
          public void rateLimited(io.github.ikpurge.domain.RateLimit limit) {}
        };
    Path journal = dir.resolve("held.jsonl");
    try (PurgeClient paced =
        PurgeClient.builder()
            .privateKey("private_held_" + System.nanoTime())
            .transport(api)
            .rateLimiter(holding)
            .build()) {
      BulkPurgeSummary summary =
          BulkPurge.builder(paced)
              .concurrency(2)
              .journal(journal)
              .listener(recorder)
              .build()
              .run(urls(5));

      assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(5);
    }
    assertThat(recorder.outcomes).hasSize(5);
    for (String url : urls(5)) {
      assertThat(api.purgesOf(url)).isEqualTo(1);
    }
    // What was held was journaled as not sent, so a resumed run would not call it in doubt.
    assertThat(Files.readString(journal)).contains("\"event\":\"unsent\"");
  }

  @Test
  void callsTheListenerOnTheRunsOwnThread() {
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    BulkPurge.builder(client)
        .listener(
            new BulkPurgeListener() {
              @Override
              public void onPurge(UrlOutcome outcome) {
                threads.add(Thread.currentThread().getName());
              }
            })
        .build()
        .run(urls(20));

    assertThat(threads).hasSize(20).containsOnly("ikpurge-bulk");
  }

  @Test
  void anUnansweredPurgeIsInDoubtOnResume() throws Exception {
    Path journal = dir.resolve("timeouts.jsonl");
    Files.writeString(
        journal,
        "{\"event\":\"sending\",\"url\":\""
            + BASE
            + "t.png\"}\n"
            + "{\"event\":\"unanswered\",\"url\":\""
            + BASE
            + "t.png\",\"error\":\"ImageKitTimeoutException\"}\n");

    bulk().journal(journal).build().run(List.of(BASE + "t.png"));

    assertThat(recorder.kinds()).containsExactly(Kind.IN_DOUBT);
    assertThat(api.purges()).isZero();
  }

  @Test
  void journalsEachSendBeforeItsAnswer() throws Exception {
    Path journal = dir.resolve("order.jsonl");
    api.answer(BASE + "refused.png", 400);

    bulk()
        .journal(journal)
        .concurrency(1)
        .build()
        .run(List.of(BASE + "ok.png", BASE + "refused.png"));

    assertThat(Files.readAllLines(journal))
        .containsExactly(
            "{\"event\":\"sending\",\"url\":\"" + BASE + "ok.png\"}",
            "{\"event\":\"accepted\",\"url\":\"" + BASE + "ok.png\",\"requestId\":\"id-1\"}",
            "{\"event\":\"sending\",\"url\":\"" + BASE + "refused.png\"}",
            "{\"event\":\"refused\",\"url\":\""
                + BASE
                + "refused.png\",\"error\":\"BadRequestException\"}");
  }

  @Test
  void anInputThatThrowsEndsTheRunWithATypedError() {
    Iterable<String> broken =
        () ->
            Stream.of(BASE + "1.png", BASE + "2.png")
                .map(
                    url -> {
                      if (url.endsWith("2.png")) {
                        throw new IllegalStateException("disk gone");
                      }
                      return url;
                    })
                .iterator();

    assertThatThrownBy(() -> bulk().concurrency(1).build().run(broken))
        .isInstanceOf(BulkPurgeException.class)
        .hasMessageContaining("disk gone")
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aListenerThatThrowsEndsTheRunWithItsException() {
    BulkPurgeListener failing =
        new BulkPurgeListener() {
          @Override
          public void onPurge(UrlOutcome outcome) {
            throw new IllegalStateException("listener broke");
          }
        };

    assertThatThrownBy(() -> BulkPurge.builder(client).listener(failing).build().run(urls(3)))
        .isInstanceOf(BulkPurgeException.class)
        .hasRootCauseMessage("listener broke");
  }

  @Test
  void runsAStreamToo() {
    BulkPurgeSummary summary = bulk().build().run(urls(7).stream());

    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(7);
  }

  @Test
  void refusesSettingsOutOfRangeByName() {
    BulkPurge.Builder builder = BulkPurge.builder(client);
    assertThatThrownBy(() -> builder.concurrency(0)).hasMessageContaining("concurrency");
    assertThatThrownBy(() -> builder.concurrency(BulkPurge.MAX_CONCURRENCY + 1))
        .hasMessageContaining("from 1 to " + BulkPurge.MAX_CONCURRENCY)
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.awaitCompletion(Duration.ZERO))
        .hasMessageContaining("maxWait");
    assertThatThrownBy(
            () -> builder.awaitCompletion(java.time.temporal.ChronoUnit.FOREVER.getDuration()))
        .hasMessageContaining("at most 365 days");
  }

  /** Records what a run reports. */
  private static final class Recorder implements BulkPurgeListener {
    final List<UrlOutcome> outcomes = new ArrayList<>();
    final List<UrlCompletion> completions = new ArrayList<>();
    final ConcurrentHashMap<Long, UrlOutcome> byIndex = new ConcurrentHashMap<>();

    @Override
    public synchronized void onPurge(UrlOutcome outcome) {
      outcomes.add(outcome);
      byIndex.put(outcome.index(), outcome);
    }

    @Override
    public synchronized void onCompletion(UrlCompletion completion) {
      completions.add(completion);
    }

    synchronized List<Kind> kinds() {
      return outcomes.stream()
          .sorted(java.util.Comparator.comparingLong(UrlOutcome::index))
          .map(UrlOutcome::kind)
          .collect(Collectors.toList());
    }

    UrlOutcome byIndex(long index) {
      return byIndex.get(index);
    }
  }
}
