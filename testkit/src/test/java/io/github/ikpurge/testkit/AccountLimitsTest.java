package io.github.ikpurge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account's limits: the rate limit, the monthly purge quota, and the counts per URL. */
class AccountLimitsTest {

  private static final String KEY = "private_limits_test";
  private static final Pattern REQUEST_ID = Pattern.compile("\\{\"requestId\":\"([0-9a-f]{24})\"}");
  private static final String A = "https://ik.imagekit.io/demo/a.jpg";
  private static final String B = "https://ik.imagekit.io/demo/b.jpg";
  private static final String C = "https://ik.imagekit.io/demo/c.jpg";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ImageKitSimulator simulator;

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private HttpResponse<String> purge(String url) throws IOException, InterruptedException {
    return purge(url, basic(KEY));
  }

  private HttpResponse<String> purge(String url, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/files/purge"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> poll(String requestId) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v1/files/purge/" + requestId))
            .header("Authorization", basic(KEY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static String requestId(HttpResponse<String> response) {
    Matcher matcher = REQUEST_ID.matcher(response.body());
    assertThat(matcher.matches()).as(response.body()).isTrue();
    return matcher.group(1);
  }

  /** Sends the purge again while the rate limit refuses it; returns the first other answer. */
  private HttpResponse<String> purgeOnceTheWindowOpens(String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    HttpResponse<String> response = purge(url);
    while (response.statusCode() == 429 && System.nanoTime() < deadline) {
      long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
      Thread.sleep(reset);
      response = purge(url);
    }
    return response;
  }

  private static void assertRateLimited(HttpResponse<String> response, int limit, long interval) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    assertThat(response.headers().firstValue("X-RateLimit-Limit"))
        .contains(Integer.toString(limit));
    assertThat(response.headers().firstValue("X-RateLimit-Interval"))
        .contains(Long.toString(interval));
    assertThat(Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
        .isBetween(1L, interval);
  }

  @Test
  void theRateLimitCountsPurgesAndStatusPollsAlikeAndSendsAllThreeHeaders() throws Exception {
    simulator =
        ImageKitSimulator.builder().privateKey(KEY).rateLimit(3, Duration.ofMinutes(1)).start();

    String id = requestId(purge(A));
    assertThat(poll(id).statusCode()).isEqualTo(200);
    assertThat(purge(B).statusCode()).isEqualTo(201);
    HttpResponse<String> limitedPoll = poll(id);
    HttpResponse<String> limitedPurge = purge(C);

    assertRateLimited(limitedPoll, 3, 60_000);
    assertRateLimited(limitedPurge, 3, 60_000);
    assertThat(limitedPurge.body())
        .isEqualTo(
            "{\"message\":\"Too many requests.\",\"help\":\"For support kindly contact us at"
                + " support@imagekit.io .\"}");
    assertThat(simulator.rateLimitedResponses()).isEqualTo(2);
    assertThat(simulator.acceptedPurges()).isEqualTo(2);
    assertThat(simulator.purgeCount(C)).isZero();
  }

  @Test
  void theRateLimitLetsExactlyItsLimitThroughConcurrentRequests() throws Exception {
    int limit = 40;
    int threads = 16;
    int perThread = 12;
    simulator =
        ImageKitSimulator.builder()
            .privateKey(KEY)
            .rateLimit(limit, Duration.ofMinutes(1))
            .journalCapacity(0)
            .start();
    String id = simulator.registerPurge(A);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<HttpResponse<String>>>> futures = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<HttpResponse<String>> responses = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    responses.add(
                        (thread + i) % 2 == 0
                            ? purge("https://ik.imagekit.io/demo/" + thread + "-" + i + ".jpg")
                            : poll(id));
                  }
                  return responses;
                }));
      }
      start.countDown();
      int allowed = 0;
      int limited = 0;
      int accepted = 0;
      for (Future<List<HttpResponse<String>>> future : futures) {
        for (HttpResponse<String> response : future.get(60, TimeUnit.SECONDS)) {
          if (response.statusCode() == 429) {
            assertRateLimited(response, limit, 60_000);
            limited++;
          } else {
            allowed++;
            accepted += response.statusCode() == 201 ? 1 : 0;
          }
        }
      }

      assertThat(allowed).isEqualTo(limit);
      assertThat(limited).isEqualTo(threads * perThread - limit);
      assertThat(simulator.rateLimitedResponses()).isEqualTo(limited);
      assertThat(simulator.acceptedPurges()).isEqualTo(accepted);
      assertThat(simulator.purgedUrls()).hasSize(accepted);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theRateLimitCountsEveryRequestOnceUnderContention() throws Exception {
    // Over HTTP the requests are too far apart for a lost count to show; here they are not.
    int threads = 4;
    int perThread = 1_000_000;
    int limit = threads * perThread / 2;
    SimulatorState state =
        new SimulatorState(ImageKitSimulator.builder().rateLimit(limit, Duration.ofHours(1)));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  int allowed = 0;
                  for (int i = 0; i < perThread; i++) {
                    allowed += state.overRateLimit() < 0 ? 1 : 0;
                  }
                  return allowed;
                }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Integer> future : futures) {
        allowed += future.get(60, TimeUnit.SECONDS);
      }

      assertThat(allowed).isEqualTo(limit);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void onceTheQuotaIsUsedUpAPurgeGets403WhileStatusPollsKeepWorking() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).purgeQuota(2).start();

    String first = requestId(purge(A));
    assertThat(purge(B).statusCode()).isEqualTo(201);
    HttpResponse<String> refused = purge(C);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .isEqualTo(
            "{\"message\":\"You have exceeded the monthly purge quota of 2 requests for your"
                + " account. Wait until next month or upgrade your plan.\",\"help\":\"For support"
                + " kindly contact us at support@imagekit.io .\"}");
    assertThat(refused.headers().firstValue("x-ik-requestId")).isPresent();
    assertThat(purge(A).statusCode()).as("a URL already purged too").isEqualTo(403);
    assertThat(poll(first).statusCode()).isEqualTo(200);
    assertThat(poll(first).body()).isEqualTo("{\"status\":\"Pending\"}");
    assertThat(simulator.acceptedPurges()).isEqualTo(2);
    assertThat(simulator.purgeCount(C)).isZero();
  }

  @Test
  void theQuotaHoldsForConcurrentPurges() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).purgeQuota(10).start();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        String url = "https://ik.imagekit.io/demo/" + i + ".jpg";
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return purge(url).statusCode();
                }));
      }
      start.countDown();
      Map<Integer, Integer> statuses = new LinkedHashMap<>();
      for (Future<Integer> future : futures) {
        statuses.merge(future.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }

      assertThat(statuses).containsOnlyKeys(201, 403).containsEntry(201, 10).containsEntry(403, 30);
      assertThat(simulator.acceptedPurges()).isEqualTo(10);
      assertThat(simulator.purgedUrls()).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusedPurgesDoNotCountAgainstTheQuota() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).purgeQuota(1).start();
    simulator.enqueue(Endpoint.PURGE, ScriptedResponse.error(500, "Internal server error.", null));

    assertThat(purge(A).statusCode()).as("scripted").isEqualTo(500);
    assertThat(purge("not a url").statusCode()).isEqualTo(400);
    assertThat(purge(A, null).statusCode()).isEqualTo(401);
    assertThat(purge(A, basic("private_other")).statusCode()).isEqualTo(403);
    assertThat(simulator.acceptedPurges()).isZero();

    assertThat(purge(A).statusCode()).isEqualTo(201);
    assertThat(purge(A).statusCode()).isEqualTo(403);
    assertThat(simulator.acceptedPurges()).isEqualTo(1);
    assertThat(simulator.purgeCount(A)).isEqualTo(1);
  }

  @Test
  void aPurgeRefusedByTheRateLimitDoesNotCountAgainstTheQuota() throws Exception {
    simulator =
        ImageKitSimulator.builder()
            .privateKey(KEY)
            .purgeQuota(1)
            .rateLimit(1, Duration.ofSeconds(2))
            .start();
    assertThat(poll("0123456789abcdef01234567").statusCode()).isEqualTo(400);

    HttpResponse<String> limited = purge(A);
    HttpResponse<String> accepted = purgeOnceTheWindowOpens(A);
    HttpResponse<String> overQuota = purgeOnceTheWindowOpens(B);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(accepted.statusCode()).isEqualTo(201);
    assertThat(overQuota.statusCode()).isEqualTo(403);
    assertThat(simulator.acceptedPurges()).isEqualTo(1);
    assertThat(simulator.purgedUrls()).containsExactly(Map.entry(A, 1));
    assertThat(simulator.rateLimitedResponses()).isPositive();
  }

  @Test
  void acceptedPurgesAreCountedPerUrlInTheOrderFirstAccepted() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).start();
    simulator.registerPurge(C);
    simulator.enqueueFault(Endpoint.PURGE, Fault.SERVER_ERROR);

    assertThat(purge(B).statusCode()).as("the fault").isEqualTo(500);
    purge(B);
    purge(A);
    purge(B);
    purge("https://ik.imagekit.io/demo/*x");

    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put(B, 2);
    expected.put(A, 1);
    assertThat(simulator.purgedUrls()).containsExactlyEntriesOf(expected);
    assertThat(simulator.purgeCount(B)).isEqualTo(2);
    assertThat(simulator.purgeCount(A)).isEqualTo(1);
    assertThat(simulator.purgeCount(C)).as("registered, not received").isZero();
    assertThat(simulator.acceptedPurges()).isEqualTo(3);
  }

  @Test
  void thePurgedUrlsAreASnapshot() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).start();
    purge(A);

    Map<String, Integer> before = simulator.purgedUrls();
    purge(A);

    assertThat(before).containsExactly(Map.entry(A, 1));
    assertThat(simulator.purgedUrls()).containsExactly(Map.entry(A, 2));
  }

  @Test
  void every429SentIsCountedWhateverPlayedIt() throws Exception {
    simulator = ImageKitSimulator.builder().privateKey(KEY).journalCapacity(0).start();
    simulator.enqueueFault(Endpoint.PURGE, Fault.RATE_LIMITED);
    simulator.enqueue(ScriptedResponse.error(429, "Slow down.", null));

    assertThat(purge(A).statusCode()).isEqualTo(429);
    assertThat(poll("0123456789abcdef01234567").statusCode()).isEqualTo(429);
    assertThat(purge(A).statusCode()).isEqualTo(201);

    assertThat(simulator.rateLimitedResponses()).isEqualTo(2);
    assertThat(simulator.receivedRequests()).as("past an empty journal").isEqualTo(3);
  }

  @Test
  void resetStartsTheQuotaAndTheCountsAfresh() throws Exception {
    simulator =
        ImageKitSimulator.builder()
            .privateKey(KEY)
            .purgeQuota(1)
            .rateLimit(2, Duration.ofMinutes(1))
            .start();
    purge(A);
    purge(B);
    purge(C);

    simulator.reset();

    assertThat(simulator.acceptedPurges()).isZero();
    assertThat(simulator.rateLimitedResponses()).isZero();
    assertThat(simulator.purgedUrls()).isEmpty();
    assertThat(simulator.receivedRequests()).isZero();
    assertThat(purge(B).statusCode()).isEqualTo(201);
    assertThat(purge(C).statusCode()).isEqualTo(403);
  }

  @Test
  void theCommandLineSetsTheQuotaAndTheRateLimit() throws Exception {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder();
    SimulatorMain.parse(
        new String[] {"--port", "0", "--key", KEY, "--purge-quota", "1", "--rate-limit", "3/60000"},
        builder);
    simulator = builder.start();

    assertThat(purge(A).statusCode()).isEqualTo(201);
    assertThat(purge(B).statusCode()).isEqualTo(403);
    assertThat(purge(C).statusCode()).isEqualTo(403);
    assertRateLimited(purge(C), 3, 60_000);
  }
}
