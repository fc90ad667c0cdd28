package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.bulk.BulkPurge;
import io.github.ikpurge.bulk.BulkPurgeListener;
import io.github.ikpurge.bulk.BulkPurgeSummary;
import io.github.ikpurge.bulk.UrlOutcome;
import io.github.ikpurge.bulk.UrlOutcome.Kind;
import io.github.ikpurge.error.BulkPurgeException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite of bulk purges over the transport under test, against the simulator with an
 * account-wide rate limit and a purge quota: every URL has one outcome and is purged at most once,
 * the run keeps to the limit, a quota stops it early, and a journal makes it resumable. A transport
 * module runs it by extending it with one factory method.
 */
public abstract class BulkPurgeConformanceTest {

  private static final int URLS = 120;
  private static final int LIMIT = 60;

  private ImageKitSimulator simulator;
  private PurgeClient client;

  @TempDir Path dir;

  /**
   * Returns the provider of the transport under test.
   *
   * @return the provider
   */
  protected abstract TransportProvider provider();

  private PurgeClient start(ImageKitSimulator.Builder server) {
    simulator = server.completeAfterPolls(0).start();
    client =
        PurgeClient.builder()
            .baseUri(simulator.baseUri())
            .privateKey(simulator.privateKey())
            .transport(provider().create(io.github.ikpurge.spi.TransportOptions.defaults()))
            .callTimeout(Duration.ofSeconds(30))
            .build();
    return client;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  private static List<String> urls(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "https://ik.imagekit.io/demo/bulk-" + i + ".png")
        .toList();
  }

  @Test
  void purgesEveryUrlOnceWithinTheAccountsLimitAndWaitsForThemAll() {
    start(ImageKitSimulator.builder().rateLimit(LIMIT, Duration.ofSeconds(1)));
    List<String> urls = urls(URLS);
    AtomicInteger outcomes = new AtomicInteger();
    BulkPurgeListener counting =
        new BulkPurgeListener() {
          @Override
          public void onPurge(UrlOutcome outcome) {
            outcomes.incrementAndGet();
          }
        };

    BulkPurgeSummary summary =
        BulkPurge.builder(client)
            .concurrency(16)
            .listener(counting)
            .awaitCompletion(Duration.ofSeconds(60))
            .build()
            .run(urls);

    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(URLS);
    assertThat(summary.completed()).isEqualTo(URLS);
    assertThat(outcomes).hasValue(URLS);
    for (String url : urls) {
      assertThat(simulator.purgeCount(url)).as(url).isEqualTo(1);
    }
    // The limit is learned from the first 429: at most the purges in flight then meet one.
    assertThat(simulator.rateLimitedResponses()).isLessThanOrEqualTo(16);
    // Every request the server saw is one the engine counted as an attempt.
    assertThat(simulator.receivedRequests())
        .isEqualTo(URLS + URLS + simulator.rateLimitedResponses());
  }

  @Test
  void aGivenRateMeetsNo429() {
    // Windows of 2 s: the client spaces requests at 98 % of the rate, which leaves 2 requests of
    // room in each window for arrivals a busy machine delays into the next (1 with 1 s windows).
    // Three windows' worth of URLs: a client that ignored the rate would meet 429s in the first.
    Duration window = Duration.ofSeconds(2);
    start(ImageKitSimulator.builder().rateLimit(2 * LIMIT, window));
    client.close();
    client =
        PurgeClient.builder()
            .baseUri(simulator.baseUri())
            .privateKey(simulator.privateKey())
            .transport(provider().create(io.github.ikpurge.spi.TransportOptions.defaults()))
            .rateLimit(2 * LIMIT, window)
            .build();

    BulkPurgeSummary summary = BulkPurge.builder(client).concurrency(16).build().run(urls(180));

    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(180);
    assertThat(simulator.rateLimitedResponses()).isZero();
  }

  @Test
  void anExhaustedQuotaStopsTheRunAndLeavesTheRestNotSent() {
    start(ImageKitSimulator.builder().purgeQuota(10));

    BulkPurgeSummary summary = BulkPurge.builder(client).concurrency(1).build().run(urls(40));

    assertThat(summary.count(Kind.ACCEPTED)).isEqualTo(10);
    assertThat(summary.count(Kind.REFUSED)).isEqualTo(1);
    assertThat(summary.count(Kind.NOT_SENT)).isEqualTo(29);
    assertThat(summary.stoppedBy()).containsInstanceOf(ForbiddenException.class);
    assertThat(simulator.acceptedPurges()).isEqualTo(10);
  }

  @Test
  void aRunStoppedPartwayAndResumedFromItsJournalPurgesNoUrlTwice() {
    start(ImageKitSimulator.builder().rateLimit(LIMIT, Duration.ofSeconds(1)));
    Path journal = dir.resolve("journal.jsonl");
    List<String> urls = urls(URLS);
    AtomicInteger reported = new AtomicInteger();
    BulkPurgeListener stopper =
        new BulkPurgeListener() {
          @Override
          public void onPurge(UrlOutcome outcome) {
            if (reported.incrementAndGet() == URLS / 3) {
              throw new IllegalStateException("stop here");
            }
          }
        };
    // A listener that throws ends the run as a kill would, with purges in flight: the journal is
    // closed before the run's future fails.
    assertThatThrownBy(
            () ->
                BulkPurge.builder(client)
                    .concurrency(16)
                    .journal(journal)
                    .listener(stopper)
                    .build()
                    .run(urls))
        .isInstanceOf(BulkPurgeException.class)
        .hasRootCauseMessage("stop here");
    Map<String, UrlOutcome> resumed = new ConcurrentHashMap<>();

    BulkPurgeSummary summary =
        BulkPurge.builder(client)
            .concurrency(16)
            .journal(journal)
            .listener(
                new BulkPurgeListener() {
                  @Override
                  public void onPurge(UrlOutcome outcome) {
                    resumed.put(outcome.url(), outcome);
                  }
                })
            .build()
            .run(urls);

    assertThat(summary.total()).isEqualTo(URLS);
    assertThat(summary.count(Kind.ACCEPTED) + summary.count(Kind.IN_DOUBT)).isEqualTo(URLS);
    assertThat(resumed.values().stream().filter(UrlOutcome::fromJournal).count())
        .isGreaterThanOrEqualTo(URLS / 3 - 16);
    for (String url : urls) {
      int purged = simulator.purgeCount(url);
      if (resumed.get(url).kind() == Kind.IN_DOUBT) {
        assertThat(purged).as(url).isLessThanOrEqualTo(1);
      } else {
        assertThat(purged).as(url).isEqualTo(1);
      }
    }
  }
}
