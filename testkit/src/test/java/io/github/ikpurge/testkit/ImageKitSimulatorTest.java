package io.github.ikpurge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator, spoken to with the JDK's own HTTP client. */
class ImageKitSimulatorTest {

  private static final String KEY = "private_sim_test";
  private static final Pattern REQUEST_ID = Pattern.compile("\\{\"requestId\":\"([0-9a-f]{24})\"}");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ImageKitSimulator simulator = ImageKitSimulator.builder().privateKey(KEY).start();

  @AfterEach
  void stop() {
    simulator.close();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private String purge() throws IOException, InterruptedException {
    HttpResponse<String> response =
        send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"https://ik.imagekit.io/x/a.jpg\"}");
    Matcher matcher = REQUEST_ID.matcher(response.body());
    assertThat(matcher.matches()).as(response.body()).isTrue();
    return matcher.group(1);
  }

  @Test
  void aScriptedHeaderValueGoesOutOneByteACharacter() throws Exception {
    simulator.enqueue(ScriptedResponse.status(204).withHeader("X-Bytes", "\u00d9\u00a3 \u00ff"));

    byte[] head;
    try (Socket socket = new Socket(simulator.baseUri().getHost(), simulator.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("GET /v1/files/purge/abc HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                      + basic(KEY)
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      head = socket.getInputStream().readAllBytes();
    }

    String text = new String(head, StandardCharsets.ISO_8859_1);
    assertThat(text)
        .startsWith("HTTP/1.1 204")
        .containsIgnoringCase("X-Bytes: \u00d9\u00a3 \u00ff\r\n");
  }

  @Test
  void aScriptedHeaderValueThatIsNotBytesIsRefusedUpFront() {
    assertThatThrownBy(() -> ScriptedResponse.status(200).withHeader("X-RateLimit-Limit", "\u0663"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-RateLimit-Limit")
        .hasMessageContaining("U+0663");
  }

  @Test
  void listensOnAnEphemeralLoopbackPort() {
    assertThat(simulator.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(simulator.port()).isPositive();
  }

  @Test
  void withoutAKeyItAnswers401WithImageKitsErrorBody() throws Exception {
    HttpResponse<String> response = send("GET", "/v1/files/purge/abc", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo(
            "{\"message\":\"Your request does not contain private API key.\",\"help\":\"For support"
                + " kindly contact us at support@imagekit.io .\"}");
    assertThat(response.headers().firstValue("x-ik-requestId")).isPresent();
  }

  @Test
  void aKeyItDoesNotKnowGets403() throws Exception {
    HttpResponse<String> response =
        send("GET", "/v1/files/purge/abc", basic("private_other"), null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Your account cannot be authenticated.");
  }

  @Test
  void aMalformedAuthorizationIsTreatedAsNoKey() throws Exception {
    assertThat(send("GET", "/v1/files/purge/abc", "Basic !!!", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/files/purge/abc", "Bearer " + KEY, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aPurgeGets201AndAFreshRequestIdEachTime() throws Exception {
    String first = purge();
    String second = purge();

    assertThat(first).isNotEqualTo(second);
    assertThat(simulator.journal(Endpoint.PURGE)).hasSize(2);
  }

  @Test
  void theStatusIsPendingForTheConfiguredPollsThenCompleted() throws Exception {
    String id = purge();

    assertThat(send("GET", "/v1/files/purge/" + id, basic(KEY), null).body())
        .isEqualTo("{\"status\":\"Pending\"}");
    assertThat(send("GET", "/v1/files/purge/" + id, basic(KEY), null).body())
        .isEqualTo("{\"status\":\"Pending\"}");
    assertThat(send("GET", "/v1/files/purge/" + id, basic(KEY), null).body())
        .isEqualTo("{\"status\":\"Completed\"}");
  }

  @Test
  void theStatusCanCompleteAfterADelayInstead() throws Exception {
    simulator.close();
    simulator =
        ImageKitSimulator.builder().privateKey(KEY).completeAfter(Duration.ofMillis(300)).start();
    long purged = System.nanoTime();
    String id = purge();

    assertThat(simulator.peekStatus(id).value()).isEqualTo("Pending");
    long deadline = purged + TimeUnit.SECONDS.toNanos(30);
    while (!simulator.peekStatus(id).value().equals("Completed") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - purged))
        .as("completed, and not before the delay")
        .isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isLessThan(Duration.ofSeconds(30));
    assertThat(send("GET", "/v1/files/purge/" + id, basic(KEY), null).body())
        .isEqualTo("{\"status\":\"Completed\"}");
  }

  @Test
  void anUnknownRequestIdGetsTheDocumentedErrorWithAConfigurableStatus() throws Exception {
    HttpResponse<String> response =
        send("GET", "/v1/files/purge/000000000000000000000000", basic(KEY), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("No request found for this requestId.");

    simulator.close();
    simulator = ImageKitSimulator.builder().privateKey(KEY).unknownRequestIdStatus(404).start();
    assertThat(
            send("GET", "/v1/files/purge/000000000000000000000000", basic(KEY), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anInvalidPurgeBodyOrUrlGets400() throws Exception {
    assertThat(send("POST", "/v1/files/purge", basic(KEY), "not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/files/purge", basic(KEY), "{\"url\":5}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"/relative\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"https://a/*/b\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"https://a/b*\"}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void everyResponseCarriesItsOwnIkRequestIdAndTheJournalKeepsIt() throws Exception {
    HttpResponse<String> one = send("GET", "/nowhere", basic(KEY), null);
    HttpResponse<String> two = send("GET", "/v1/files/purge/abc", basic(KEY), null);

    assertThat(one.statusCode()).isEqualTo(404);
    assertThat(simulator.journal())
        .extracting(RecordedRequest::ikRequestId)
        .containsExactly(
            one.headers().firstValue("x-ik-requestId").orElseThrow(),
            two.headers().firstValue("x-ik-requestId").orElseThrow());
  }

  @Test
  void theJournalKeepsMethodPathHeadersAndBody() throws Exception {
    send("POST", "/v1/files/purge?x=1", basic(KEY), "{\"url\":\"https://a/b\"}");

    RecordedRequest request = simulator.journal().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/files/purge");
    assertThat(request.rawQuery()).isEqualTo("x=1");
    assertThat(request.endpoint()).isEqualTo(Endpoint.PURGE);
    assertThat(request.headers().firstValue("authorization")).contains(basic(KEY));
    assertThat(request.bodyText()).isEqualTo("{\"url\":\"https://a/b\"}");
  }

  @Test
  void scriptedResponsesAreServedOnceInOrderToTheirEndpoint() throws Exception {
    simulator
        .enqueue(Endpoint.PURGE, ScriptedResponse.error(500, "boom", null))
        .enqueue(ScriptedResponse.json(200, "{\"status\":\"Scripted\"}").withHeader("X-A", "1"))
        .enqueue(
            Endpoint.STATUS, ScriptedResponse.status(503).withHeader("x-ik-requestId", "fixed"));

    HttpResponse<String> first = send("GET", "/v1/files/purge/abc", null, null);
    HttpResponse<String> second = send("GET", "/v1/files/purge/abc", null, null);
    HttpResponse<String> third = send("POST", "/v1/files/purge", null, "{}");
    HttpResponse<String> fourth = send("GET", "/v1/files/purge/abc", null, null);

    assertThat(first.body()).isEqualTo("{\"status\":\"Scripted\"}");
    assertThat(first.headers().firstValue("x-a")).contains("1");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().allValues("x-ik-requestId")).containsExactly("fixed");
    assertThat(third.statusCode()).isEqualTo(500);
    assertThat(fourth.statusCode()).isEqualTo(401);
    assertThat(simulator.pendingScripts()).isZero();
  }

  @Test
  void aScriptedDelayHoldsTheAnswer() throws Exception {
    simulator.enqueue(ScriptedResponse.status(204).withDelay(Duration.ofMillis(300)));

    long started = System.nanoTime();
    HttpResponse<String> response = send("GET", "/anything", null, null);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void resetForgetsEverything() throws Exception {
    String id = purge();
    simulator.enqueue(ScriptedResponse.status(500));

    simulator.reset();

    assertThat(simulator.journal()).isEmpty();
    assertThat(simulator.pendingScripts()).isZero();
    assertThat(simulator.peekStatus(id)).isNull();
  }

  @Test
  void theCommandLineSetsPortKeysAndCompletion() {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder();

    SimulatorMain.parse(
        new String[] {
          "--port", "0", "--key", "private_a", "--key", "private_b", "--complete-after-polls", "0"
        },
        builder);

    try (ImageKitSimulator started = builder.start()) {
      String id = started.registerPurge("https://a/b");
      assertThat(started.peekStatus(id).value()).isEqualTo("Completed");
      assertThat(started.privateKey()).isEqualTo("private_a");
    }
  }

  @Test
  void aDroppedConnectionSendsNoResponseAtAll() {
    simulator.enqueue(ScriptedResponse.dropConnection());

    // A POST, because the JDK client quietly repeats a GET whose connection closed unanswered.
    assertThatThrownBy(() -> send("POST", "/x", null, "{}")).isInstanceOf(IOException.class);
    assertThat(simulator.journal()).hasSize(1);
  }

  @Test
  void aCutBodyEndsTheConnectionShortOfTheAnnouncedLength() {
    simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Pending\"}").cutAfter(5));

    assertThatThrownBy(() -> send("GET", "/x", null, null)).isInstanceOf(IOException.class);
  }

  @Test
  void awaitRequestsReturnsOnceTheRequestsArrivedAndCountsPastTheJournal() throws Exception {
    simulator.close();
    simulator = ImageKitSimulator.builder().privateKey(KEY).journalCapacity(1).start();
    simulator.enqueue(ScriptedResponse.status(200).withDelay(Duration.ofSeconds(60)));

    assertThat(simulator.awaitRequests(1, Duration.ofMillis(50))).as("nothing sent yet").isFalse();
    CompletableFuture<HttpResponse<String>> delayed =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(simulator.awaitRequests(1, Duration.ofSeconds(30)))
        .as("received, though not answered")
        .isTrue();
    assertThat(delayed).isNotDone();
    send("GET", "/y", null, null);
    assertThat(simulator.awaitRequests(2, Duration.ofSeconds(30))).isTrue();
    assertThat(simulator.journal()).hasSize(1);

    simulator.reset();
    assertThat(simulator.awaitRequests(1, Duration.ofMillis(50))).as("counted afresh").isFalse();
    delayed.cancel(true);
  }

  @Test
  void aBodyDelaySendsTheHeadersFirst() throws Exception {
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("slow").withBodyDelay(Duration.ofSeconds(2)));

    long started = System.nanoTime();
    HttpResponse<java.io.InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/x")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Duration headers = Duration.ofNanos(System.nanoTime() - started);
    byte[] body = response.body().readAllBytes();
    Duration total = Duration.ofNanos(System.nanoTime() - started);

    // The body follows the headers by the delay, however late both come on a busy machine.
    assertThat(total).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(total.minus(headers)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("slow");
  }

  @Test
  void aChunkedResponseHasNoContentLength() throws Exception {
    simulator.enqueue(ScriptedResponse.status(200).withBody("chunks").withChunkedEncoding());

    HttpResponse<String> response = send("GET", "/x", null, null);

    assertThat(response.headers().firstValue("content-length")).isEmpty();
    assertThat(response.headers().firstValue("transfer-encoding")).contains("chunked");
    assertThat(response.body()).isEqualTo("chunks");
  }

  @Test
  void httpsServesTheTestCertificateThatTheTestContextTrusts() throws Exception {
    try (ImageKitSimulator https = ImageKitSimulator.builder().privateKey(KEY).https().start()) {
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(SimulatorTls.clientContext()).build();

      HttpResponse<String> response =
          trusting.send(
              HttpRequest.newBuilder(URI.create(https.baseUri() + "/v1/files/purge/abc"))
                  .header("Authorization", basic(KEY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(https.baseUri().getScheme()).isEqualTo("https");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThatThrownBy(
              () ->
                  http.send(
                      HttpRequest.newBuilder(URI.create(https.baseUri() + "/x")).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  @Test
  void aRateLimitAnswers429WithImageKitsHeadersOnceTheWindowIsFull() throws Exception {
    simulator.close();
    simulator =
        ImageKitSimulator.builder().privateKey(KEY).rateLimit(2, Duration.ofSeconds(5)).start();

    assertThat(send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode()).isEqualTo(400);
    HttpResponse<String> limited = send("GET", "/v1/files/purge/abc", basic(KEY), null);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Limit")).contains("2");
    assertThat(limited.headers().firstValue("X-RateLimit-Interval")).contains("5000");
    assertThat(Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
        .isBetween(1L, 5000L);
    assertThat(simulator.journal().get(2).fault()).contains(Fault.RATE_LIMITED);
  }

  @Test
  void aRateLimitWindowOpensAgainAfterItsInterval() throws Exception {
    simulator.close();
    simulator =
        ImageKitSimulator.builder().privateKey(KEY).rateLimit(1, Duration.ofMillis(200)).start();

    long first = System.nanoTime();
    assertThat(send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode()).isEqualTo(429);
    long deadline = first + TimeUnit.SECONDS.toNanos(30);
    int status = 429;
    while (status == 429 && System.nanoTime() < deadline) {
      status = send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode();
    }
    assertThat(status).as("the window opened again").isEqualTo(400);
    assertThat(Duration.ofNanos(System.nanoTime() - first))
        .as("not before its interval")
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void eachFaultHasItsShape() throws Exception {
    simulator.close();
    simulator =
        ImageKitSimulator.builder()
            .privateKey(KEY)
            .faults(
                FaultMix.builder()
                    .probability(0)
                    .slowDelay(Duration.ofMillis(200))
                    .oversizedBytes(4096)
                    .rateLimitReset(Duration.ofMillis(70))
                    .build())
            .start();
    String id = simulator.registerPurge("https://a/b");
    String path = "/v1/files/purge/" + id;

    simulator.enqueueFault(Endpoint.STATUS, Fault.SERVER_ERROR);
    assertThat(send("GET", path, basic(KEY), null).statusCode()).isEqualTo(500);

    simulator.enqueueFault(Endpoint.STATUS, Fault.BURST_OF_503);
    assertThat(send("GET", path, basic(KEY), null).statusCode()).isEqualTo(503);
    assertThat(send("GET", path, basic(KEY), null).statusCode()).isEqualTo(503);
    assertThat(send("GET", path, basic(KEY), null).statusCode()).isEqualTo(200);

    simulator.enqueueFault(Endpoint.STATUS, Fault.BAD_GATEWAY_HTML);
    HttpResponse<String> html = send("GET", path, basic(KEY), null);
    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.body()).startsWith("<html>");

    simulator.enqueueFault(Endpoint.STATUS, Fault.RATE_LIMITED);
    HttpResponse<String> limited = send("GET", path, basic(KEY), null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("x-ratelimit-reset")).contains("70");

    simulator.enqueueFault(Endpoint.STATUS, Fault.TRUNCATED_JSON);
    HttpResponse<String> truncated = send("GET", path, basic(KEY), null);
    assertThat(truncated.statusCode()).isEqualTo(200);
    assertThat(truncated.body()).isEqualTo("{\"status\":\"Pend");

    simulator.enqueueFault(Endpoint.STATUS, Fault.OVERSIZED_BODY);
    assertThat(send("GET", path, basic(KEY), null).body()).hasSize(4096);

    simulator.enqueueFault(Endpoint.STATUS, Fault.SLOW_HEADERS);
    long started = System.nanoTime();
    assertThat(send("GET", path, basic(KEY), null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));

    simulator.enqueueFault(Endpoint.PURGE, Fault.CUT_BODY);
    assertThatThrownBy(
            () -> send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"https://a/b\"}"))
        .isInstanceOf(IOException.class);

    simulator.enqueueFault(Endpoint.PURGE, Fault.DROPPED_CONNECTION);
    assertThatThrownBy(
            () -> send("POST", "/v1/files/purge", basic(KEY), "{\"url\":\"https://a/b\"}"))
        .isInstanceOf(IOException.class);

    assertThat(simulator.journal().stream().map(r -> r.fault().orElse(null)).toList())
        .containsExactly(
            Fault.SERVER_ERROR,
            Fault.BURST_OF_503,
            Fault.BURST_OF_503,
            null,
            Fault.BAD_GATEWAY_HTML,
            Fault.RATE_LIMITED,
            Fault.TRUNCATED_JSON,
            Fault.OVERSIZED_BODY,
            Fault.SLOW_HEADERS,
            Fault.CUT_BODY,
            Fault.DROPPED_CONNECTION);
  }

  @Test
  void theSameSeedPlaysTheSameFaultsInTheSameOrder() throws Exception {
    List<java.util.Optional<Fault>> first = faultsPlayed(42);
    List<java.util.Optional<Fault>> second = faultsPlayed(42);
    List<java.util.Optional<Fault>> other = faultsPlayed(7);

    assertThat(first).isEqualTo(second).isNotEqualTo(other);
    assertThat(first.stream().filter(java.util.Optional::isPresent).count()).isBetween(10L, 50L);
  }

  private List<java.util.Optional<Fault>> faultsPlayed(long seed) throws Exception {
    simulator.close();
    simulator =
        ImageKitSimulator.builder()
            .privateKey(KEY)
            .faults(
                FaultMix.builder()
                    .seed(seed)
                    .probability(0.25)
                    .faults(Fault.SERVER_ERROR, Fault.BAD_GATEWAY_HTML, Fault.TRUNCATED_JSON)
                    .build())
            .start();
    for (int i = 0; i < 120; i++) {
      send("GET", "/v1/files/purge/abc", basic(KEY), null);
    }
    return simulator.journal().stream().map(RecordedRequest::fault).toList();
  }

  @Test
  void aJournalCapacityKeepsOnlyTheNewestRequestsAndZeroKeepsNone() throws Exception {
    simulator.close();
    simulator = ImageKitSimulator.builder().privateKey(KEY).journalCapacity(2).start();
    for (int i = 0; i < 3; i++) {
      send("GET", "/v1/files/purge/id" + i, basic(KEY), null);
    }
    assertThat(simulator.journal())
        .extracting(RecordedRequest::path)
        .containsExactly("/v1/files/purge/id1", "/v1/files/purge/id2");

    simulator.close();
    simulator = ImageKitSimulator.builder().privateKey(KEY).journalCapacity(0).start();
    assertThat(send("GET", "/v1/files/purge/abc", basic(KEY), null).statusCode()).isEqualTo(400);
    assertThat(simulator.journal()).isEmpty();
  }
}
