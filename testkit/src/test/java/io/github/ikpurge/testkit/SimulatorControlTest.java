package io.github.ikpurge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command-line options for a simulator in another process, and its control endpoint. */
class SimulatorControlTest {

  private static final String KEY = "private_control_test";
  private static final String STATUS_PATH = "/v1/files/purge/0123456789abcdef01234567";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ImageKitSimulator simulator = ImageKitSimulator.builder().privateKey(KEY).start();
  private final SimulatorControl control =
      SimulatorControl.start(simulator, InetAddress.getLoopbackAddress(), 0);

  @AfterEach
  void stop() {
    control.close();
    simulator.close();
  }

  private HttpResponse<String> api(String method, String path) throws Exception {
    String basic = Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(simulator.baseUri() + path))
            .header("Authorization", "Basic " + basic)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> control(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aScriptWithAMessageIsServedOnceWithImageKitsErrorBodyAndItsHeaders() throws Exception {
    HttpResponse<String> scripted =
        control(
            "POST",
            "/scripts",
            "{\"endpoint\":\"STATUS\",\"status\":503,\"message\":\"Busy.\",\"help\":\"Later.\","
                + "\"headers\":{\"Retry-After\":\"1\"}}");

    HttpResponse<String> first = api("GET", STATUS_PATH);
    HttpResponse<String> second = api("GET", STATUS_PATH);

    assertThat(scripted.statusCode()).isEqualTo(204);
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("{\"message\":\"Busy.\",\"help\":\"Later.\"}");
    assertThat(first.headers().firstValue("Retry-After")).contains("1");
    assertThat(first.headers().firstValue("x-ik-requestId")).isPresent();
    assertThat(second.statusCode()).isEqualTo(400);
  }

  @Test
  void aScriptWithoutEndpointServesTheNextRequestOfAnyKindWithItsRawBodyAfterItsDelay()
      throws Exception {
    control("POST", "/scripts", "{\"status\":418,\"body\":\"teapot\",\"delayMs\":150}");

    long started = System.nanoTime();
    HttpResponse<String> answer = api("POST", "/v1/files/purge");

    assertThat(answer.statusCode()).isEqualTo(418);
    assertThat(answer.body()).isEqualTo("teapot");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(140));
  }

  @Test
  void aFaultIsPlayedOnTheNamedEndpoint() throws Exception {
    HttpResponse<String> queued =
        control("POST", "/faults", "{\"endpoint\":\"status\",\"fault\":\"BAD_GATEWAY_HTML\"}");

    HttpResponse<String> answer = api("GET", STATUS_PATH);

    assertThat(queued.statusCode()).isEqualTo(204);
    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.body()).startsWith("<html>");
  }

  @Test
  void theJournalCountsRequestsPerEndpointAndTheScriptsLeftAndResetForgetsThem() throws Exception {
    api("GET", STATUS_PATH);
    api("GET", STATUS_PATH);
    api("GET", "/elsewhere");
    control("POST", "/scripts", "{\"endpoint\":\"PURGE\",\"status\":500}");

    String before = control("GET", "/journal", null).body();
    HttpResponse<String> reset = control("POST", "/reset", null);
    String after = control("GET", "/journal", null).body();

    assertThat(before)
        .isEqualTo(
            "{\"PURGE\":0,\"STATUS\":2,\"OTHER\":1,\"rateLimited\":0,\"pendingScripts\":1,"
                + "\"acceptedPurges\":0,\"rateLimitedResponses\":0}");
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(after)
        .isEqualTo(
            "{\"PURGE\":0,\"STATUS\":0,\"OTHER\":0,\"rateLimited\":0,\"pendingScripts\":0,"
                + "\"acceptedPurges\":0,\"rateLimitedResponses\":0}");
  }

  @Test
  void theJournalCountsRateLimitRefusals() throws Exception {
    try (ImageKitSimulator limited =
            ImageKitSimulator.builder()
                .privateKey(KEY)
                .rateLimit(1, Duration.ofSeconds(30))
                .start();
        SimulatorControl limitedControl =
            SimulatorControl.start(limited, InetAddress.getLoopbackAddress(), 0)) {
      HttpRequest status =
          HttpRequest.newBuilder(URI.create(limited.baseUri() + STATUS_PATH)).build();
      http.send(status, HttpResponse.BodyHandlers.discarding());
      http.send(status, HttpResponse.BodyHandlers.discarding());

      HttpResponse<String> journal =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + limitedControl.port() + "/journal"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(journal.body())
          .contains("\"STATUS\":2,")
          .contains("\"rateLimited\":1,")
          .contains("\"rateLimitedResponses\":1}");
    }
  }

  @Test
  void badControlRequestsGet400AndUnknownRoutes404() throws Exception {
    assertThat(control("POST", "/scripts", "{\"status\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(control("POST", "/scripts", "not json").statusCode()).isEqualTo(400);
    assertThat(control("POST", "/faults", "{\"endpoint\":\"STATUS\",\"fault\":\"NOPE\"}").body())
        .contains("No enum constant");
    assertThat(control("POST", "/faults", "{\"fault\":\"SERVER_ERROR\"}").statusCode())
        .isEqualTo(400);
    assertThat(control("DELETE", "/journal", null).statusCode()).isEqualTo(404);
    assertThat(simulator.pendingScripts()).isZero();
  }

  @Test
  void theCommandLineSetsARateLimitAndAControlPort() throws Exception {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder();

    OptionalInt controlPort =
        SimulatorMain.parse(
            new String[] {
              "--port", "0", "--key", KEY, "--rate-limit", "1/60000", "--control-port", "0"
            },
            builder);

    assertThat(controlPort).hasValue(0);
    try (ImageKitSimulator started = builder.start()) {
      HttpRequest status =
          HttpRequest.newBuilder(URI.create(started.baseUri() + STATUS_PATH)).build();
      assertThat(http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(401);
      HttpResponse<Void> limited = http.send(status, HttpResponse.BodyHandlers.discarding());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("X-RateLimit-Interval")).contains("60000");
    }
  }

  @Test
  void withoutTheFlagsThereIsNoControlPortAndNoRateLimit() {
    assertThat(SimulatorMain.parse(new String[] {"--port", "0"}, ImageKitSimulator.builder()))
        .isEmpty();
  }

  @Test
  void malformedRateLimitsAndControlPortsAreRefused() {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder();

    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate-limit", "10"}, builder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("N/MS");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate-limit", "0/100"}, builder))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate-limit", "5/x"}, builder))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--control-port", "70000"}, builder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 65535");
  }
}
