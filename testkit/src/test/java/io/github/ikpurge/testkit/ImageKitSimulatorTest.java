package io.github.ikpurge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
    String id = purge();

    assertThat(simulator.peekStatus(id).value()).isEqualTo("Pending");
    Thread.sleep(400);
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
}
