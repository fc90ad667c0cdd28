package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.bulk.BulkPurge;
import io.github.ikpurge.bulk.BulkPurgeSummary;
import io.github.ikpurge.bulk.UrlOutcome;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk purge against an account's rate limit: N URLs purged through the JDK transport against an
 * in-process simulator that allows R requests per window, answering 429 beyond it. Three
 * contenders, each on a fresh simulator and client: {@link BulkPurge} with 16 purges in flight, a
 * naive loop of 16 threads each calling {@code client.purge(url)} for its share of the URLs, and
 * the same loop on a client whose limiter never holds anything, as every client was before the
 * account's shared limiter (each call waits out its own 429s, retried on the client's backoff). The
 * baseline is the ideal wall time N/R, the time of requests spread evenly at the limit (one that
 * bursts at the start of each window could end one window sooner).
 *
 * <p>Per contender and round it prints the wall time, the ideal, the efficiency (ideal / wall), the
 * 429s the simulator sent, the requests it received, and whether every URL was accepted exactly
 * once, as a Markdown table. It fails when the bulk purge leaves a URL unaccepted or accepts one
 * twice; the naive loops are only reported.
 *
 * <p>Arguments: N (default 2000), R (default 100), the window in ms (default 1000), rounds of each
 * contender, alternating (default 1).
 */
public final class BulkPurgeBenchmark {

  /** The key of the simulators and clients. */
  static final String KEY = "private_benchmark_key";

  /** Purges in flight at once, for both contenders. */
  static final int CONCURRENCY = 16;

  private BulkPurgeBenchmark() {}

  /**
   * Runs the comparison.
   *
   * @param args N, R, window in ms, rounds
   * @throws Exception if a run fails, or the bulk purge does not account for every URL
   */
  public static void main(String[] args) throws Exception {
    int urls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int limit = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration window = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1000);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    double idealSeconds = (double) urls / limit * window.toNanos() / 1e9;

    // Every simulator stays open to the end, so no two share a port: the client's rate limiter is
    // shared per key and base URI in the JVM, and must start afresh for each contender.
    List<ImageKitSimulator> simulators = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    try {
      // Loads and compiles both paths before anything is timed, on a simulator without a limit.
      run(Contender.BULK, urls("warm-up-bulk", 100), 0, window, simulators);
      run(Contender.NAIVE, urls("warm-up-naive", 100), 0, window, simulators);
      for (int round = 1; round <= rounds; round++) {
        for (Contender contender : Contender.values()) {
          Result result =
              run(contender, urls(contender.name() + "-" + round, urls), limit, window, simulators);
          results.add(result);
        }
      }
    } finally {
      simulators.forEach(ImageKitSimulator::close);
    }

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Bulk purge of %,d URLs at %d requests per %d ms (ideal %.1f s), JDK transport, %d in"
                + " flight, %d round(s):%n%n",
            urls,
            limit,
            window.toMillis(),
            idealSeconds,
            CONCURRENCY,
            rounds));
    out.append(
        "| contender | wall (s) | ideal N/R (s) | efficiency | 429s received | 429s % of requests"
            + " | requests sent | accepted exactly once | failed |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Result result : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.1f | **%.3f** | %,d | %.1f %% | %,d | %,d of %,d%s | %,d |%n",
              result.contender.label,
              result.wallSeconds(),
              idealSeconds,
              idealSeconds / result.wallSeconds(),
              result.rateLimited,
              100.0 * result.rateLimited / Math.max(1, result.requests),
              result.requests,
              result.acceptedOnce,
              urls,
              result.acceptedTwice > 0 ? ", " + result.acceptedTwice + " twice or more" : "",
              result.failed));
    }
    System.out.print(out);
    System.out.flush();
    for (Result result : results) {
      if (result.contender == Contender.BULK
          && (result.acceptedOnce != urls || result.acceptedTwice != 0 || result.failed != 0)) {
        throw new IllegalStateException(
            "the bulk purge accepted "
                + result.acceptedOnce
                + " of "
                + urls
                + " URLs exactly once ("
                + result.acceptedTwice
                + " more than once, "
                + result.failed
                + " failed): "
                + result.detail);
      }
    }
  }

  private static List<String> urls(String prefix, int count) {
    List<String> urls = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      urls.add("https://ik.imagekit.io/benchmark/" + prefix + "/" + i + ".jpg");
    }
    return urls;
  }

  private static Result run(
      Contender contender,
      List<String> urls,
      int limit,
      Duration window,
      List<ImageKitSimulator> simulators)
      throws Exception {
    ImageKitSimulator.Builder builder =
        ImageKitSimulator.builder().privateKey(KEY).journalCapacity(0);
    if (limit > 0) {
      builder.rateLimit(limit, window);
    }
    ImageKitSimulator simulator = builder.start();
    simulators.add(simulator);
    PurgeClient.Builder clientBuilder =
        PurgeClient.builder()
            .privateKey(KEY)
            .baseUri(simulator.baseUri())
            .allowInsecureHttp(true)
            .transport("jdk");
    if (contender == Contender.UNSHARED) {
      // How every client behaved before the account's shared limiter: each call waits out its own
      // 429s and nothing paces the others.
      clientBuilder.rateLimiter(UNPACED);
    }
    try (PurgeClient client = clientBuilder.build()) {
      long started = System.nanoTime();
      Outcome outcome =
          contender == Contender.BULK ? bulk(client, urls) : naive(client, urls, CONCURRENCY);
      long wallNanos = System.nanoTime() - started;
      Map<String, Integer> purged = simulator.purgedUrls();
      int once = 0;
      int twice = 0;
      for (String url : urls) {
        int count = purged.getOrDefault(url, 0);
        once += count == 1 ? 1 : 0;
        twice += count > 1 ? 1 : 0;
      }
      return new Result(
          contender,
          wallNanos,
          simulator.rateLimitedResponses(),
          simulator.receivedRequests(),
          once,
          twice,
          outcome.failed,
          outcome.detail);
    }
  }

  private static Outcome bulk(PurgeClient client, List<String> urls) {
    BulkPurgeSummary summary = BulkPurge.builder(client).concurrency(CONCURRENCY).build().run(urls);
    long failed = summary.total() - summary.count(UrlOutcome.Kind.ACCEPTED);
    return new Outcome((int) failed, summary.toString());
  }

  private static Outcome naive(PurgeClient client, List<String> urls, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger failed = new AtomicInteger();
    List<String> errors = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> shares = new ArrayList<>();
      int per = (urls.size() + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        List<String> share =
            urls.subList(Math.min(t * per, urls.size()), Math.min((t + 1) * per, urls.size()));
        shares.add(
            pool.submit(
                () -> {
                  start.await();
                  for (String url : share) {
                    try {
                      client.purge(url);
                    } catch (RuntimeException e) {
                      if (failed.incrementAndGet() <= 3) {
                        synchronized (errors) {
                          errors.add(e.toString());
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> share : shares) {
        share.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    synchronized (errors) {
      return new Outcome(failed.get(), errors.toString());
    }
  }

  /** A limiter that never holds a request and learns nothing. */
  private static final RateLimiter UNPACED =
      new RateLimiter() {
        @Override
        public Duration reserve(Duration maxWait) {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(RateLimit limit) {}
      };

  private enum Contender {
    BULK("BulkPurge, concurrency 16"),
    NAIVE("naive loop, 16 threads calling purge(url)"),
    UNSHARED("naive loop, each thread retrying 429s on its own (no shared limiter)");

    final String label;

    Contender(String label) {
      this.label = label;
    }
  }

  private record Outcome(int failed, String detail) {}

  private record Result(
      Contender contender,
      long wallNanos,
      int rateLimited,
      long requests,
      int acceptedOnce,
      int acceptedTwice,
      int failed,
      String detail) {

    double wallSeconds() {
      return wallNanos / 1e9;
    }
  }
}
