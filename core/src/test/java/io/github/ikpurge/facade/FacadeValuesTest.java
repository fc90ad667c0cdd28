package io.github.ikpurge.facade;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.facade.dotnet.ImagekitClient;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the facades' results and configuration hold and show, over a transport in memory. */
class FacadeValuesTest {

  private static final String KEY = "private_facade_values";

  /** Answers a purge with a request id and a status query with Completed. */
  private static final class Answering implements HttpTransport {
    @Override
    public TransportResponse execute(TransportRequest request) {
      boolean purge = request.method().equals("POST");
      String body = purge ? "{\"requestId\":\"req1\"}" : "{\"status\":\"Completed\"}";
      return TransportResponse.of(
          purge ? 201 : 200,
          Headers.builder()
              .add("x-ik-requestId", "ik-1")
              .add("X-Many", "a")
              .add("x-many", "b")
              .build(),
          body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return CompletableFuture.completedFuture(execute(request));
    }

    @Override
    public String name() {
      return "answering";
    }

    @Override
    public void close() {}
  }

  private final PurgeClient client =
      PurgeClient.builder().privateKey(KEY).transport(new Answering()).build();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aPurgeResultHoldsItsRequestIdAndTheResponse() {
    ResultCache result = new ImagekitClient(client).PurgeCache("https://ik.imagekit.io/a.jpg");

    assertThat(result.getRequestId()).isEqualTo("req1");
    assertThat(result.toPurgeResult().requestId().value()).isEqualTo("req1");
    ResponseMetaData metadata = result.getResponseMetaData();
    assertThat(metadata.getHttpStatusCode()).isEqualTo(201);
    assertThat(metadata.getRaw()).isEqualTo("{\"requestId\":\"req1\"}");
    assertThat(metadata.getHeaders())
        .containsEntry("X-IK-REQUESTID", "ik-1")
        .containsEntry("x-many", "a");
    assertThat(metadata.getHeaderValues()).containsEntry("X-Many", List.of("a", "b"));
    assertThat(metadata.toResponseMetadata()).isEqualTo(result.toPurgeResult().metadata());
    assertThat(result).hasToString("ResultCache{requestId=req1, ikRequestId=ik-1}");
    assertThat(metadata.toString())
        .startsWith("ResponseMetaData{httpStatusCode=201, raw={\"requestId\":\"req1\"}, headers={");
  }

  @Test
  void aStatusResultHoldsItsStatusAndRequestId() throws Exception {
    ImagekitClient imagekit = new ImagekitClient(client);

    ResultCacheStatus status = imagekit.PurgeStatus("req1");
    ResultCacheStatus async = imagekit.PurgeStatusAsync("req1").get();

    for (ResultCacheStatus result : List.of(status, async)) {
      assertThat(result.getStatus()).isEqualTo("Completed");
      assertThat(result.getPurgeCacheStatus().isPending()).isFalse();
      assertThat(result.getRequestId()).isEqualTo("req1");
      assertThat(result.getResponseMetaData().getHttpStatusCode()).isEqualTo(200);
      assertThat(result.toPurgeStatusResult().requestId().value()).isEqualTo("req1");
      assertThat(result)
          .hasToString("ResultCacheStatus{status=Completed, requestId=req1, ikRequestId=ik-1}");
    }
  }

  @Test
  void everyDotnetCallMapsTheClientsResult() throws Exception {
    ImagekitClient imagekit = new ImagekitClient(client);
    Duration wait = Duration.ofSeconds(30);

    assertThat(imagekit.PurgeCacheAsync("https://ik.imagekit.io/a.jpg").get().getRequestId())
        .isEqualTo("req1");
    assertThat(imagekit.PurgeCacheAndWait("https://ik.imagekit.io/a.jpg").getStatus())
        .isEqualTo("Completed");
    assertThat(imagekit.PurgeCacheAndWait("https://ik.imagekit.io/a.jpg", wait).getRequestId())
        .isEqualTo("req1");
    assertThat(
            imagekit.PurgeCacheAndWaitAsync("https://ik.imagekit.io/a.jpg", wait).get().getStatus())
        .isEqualTo("Completed");
    assertThat(imagekit.WaitForPurgeCompletion("req1", wait).getStatus()).isEqualTo("Completed");
    assertThat(imagekit.WaitForPurgeCompletionAsync("req1", wait).get().getRequestId())
        .isEqualTo("req1");
    assertThat(imagekit).hasToString("ImagekitClient{" + client + "}");
  }

  @Test
  void closingADotnetFacadeOverACallersClientLeavesTheClientOpen() {
    new ImagekitClient(client).close();

    assertThat(client.status("req1").status().value()).isEqualTo("Completed");
  }

  @Test
  void aConfigurationKeepsWhatItWasGivenAndShowsAllButTheKey() {
    Configuration plain = new Configuration("public_x", KEY, "https://ik.imagekit.io/demo");
    Configuration full = plain.withApiBaseUrl("https://proxy.example.com").withTransport("jdk");

    assertThat(plain.getPublicKey()).isEqualTo("public_x");
    assertThat(plain.getPrivateKey()).isEqualTo(KEY);
    assertThat(plain.getUrlEndpoint()).isEqualTo("https://ik.imagekit.io/demo");
    assertThat(plain.getApiBaseUrl()).isNull();
    assertThat(plain.getTransport()).isNull();
    assertThat(full.getApiBaseUrl()).isEqualTo("https://proxy.example.com");
    assertThat(full.getTransport()).isEqualTo("jdk");
    assertThat(full.getPrivateKey()).isEqualTo(KEY);
    assertThat(plain)
        .hasToString(
            "Configuration{publicKey=public_x, privateKey=****, urlEndpoint=https://ik.imagekit.io/demo}");
    assertThat(full)
        .hasToString(
            "Configuration{publicKey=public_x, privateKey=****, urlEndpoint=https://ik.imagekit.io/demo,"
                + " apiBaseUrl=https://proxy.example.com, transport=jdk}");
  }

  @Test
  void aConfigurationBuildsAClientForItsApiBaseUrl() {
    Configuration config =
        new Configuration("public_x", KEY, "https://ik.imagekit.io/demo")
            .withApiBaseUrl("https://proxy.example.com/ik");

    try (PurgeClient built = config.toClientBuilder().transport(new Answering()).build()) {
      assertThat(built.toString()).contains("https://proxy.example.com/ik/v1/files/purge");
      assertThat(built.status("req1").status().value()).isEqualTo("Completed");
    }
    try (PurgeClient built =
        new Configuration("public_x", KEY, "u")
            .toClientBuilder()
            .transport(new Answering())
            .build()) {
      assertThat(built.toString()).contains("https://api.imagekit.io/v1/files/purge");
    }
  }

  @Test
  void headerMapsOfAResponseWithNoneAreEmpty() {
    ResponseMetaData metadata =
        new ResponseMetaData(
            io.github.ikpurge.domain.ResponseMetadata.of(204, Headers.empty(), ""));

    assertThat(metadata.getHeaders()).isEqualTo(Map.of());
    assertThat(metadata.getHeaderValues()).isEmpty();
  }
}
