package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ResultCacheStatus;
import io.github.ikpurge.testkit.ImageKitSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeedSnippetsTest {

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().completeAfterPolls(1).start();
  private final Configuration config =
      new Configuration(
              "your_public_api_key",
              simulator.privateKey(),
              "https://ik.imagekit.io/your_imagekit_id/")
          .withApiBaseUrl(simulator.baseUri().toString());

  @AfterEach
  void stop() {
    simulator.close();
  }

  private String purge() {
    try (PurgeClient client = simulator.clientBuilder().build()) {
      return client.purge("https://ik.imagekit.io/your_imagekit_id/a.jpg").requestId().value();
    }
  }

  @Test
  void theJavaSnippetReturnsTheStatusFromTheSimulator() {
    String requestId = purge();

    ResultCacheStatus first = SeedSnippets.javaStyle(config, requestId);
    ResultCacheStatus second = SeedSnippets.javaStyle(config, requestId);

    assertThat(first.getStatus()).isEqualTo("Pending");
    assertThat(second.getStatus()).isEqualTo("Completed");
    assertThat(second.getRequestId()).isEqualTo(requestId);
    assertThat(second.getResponseMetaData().getHttpStatusCode()).isEqualTo(200);
    assertThat(second.getResponseMetaData().getRaw()).isEqualTo("{\"status\":\"Completed\"}");
    assertThat(second.getResponseMetaData().getHeaders().get("X-IK-REQUESTID"))
        .isEqualTo(simulator.journal().get(simulator.journal().size() - 1).ikRequestId());
  }

  @Test
  void theDotnetSnippetReturnsTheStatusFromTheSimulator() {
    String requestId = purge();

    ResultCacheStatus first = SeedSnippets.dotnetStyle(config, requestId);
    ResultCacheStatus second = SeedSnippets.dotnetStyle(config, requestId);

    assertThat(first.getPurgeCacheStatus().isPending()).isTrue();
    assertThat(second.getPurgeCacheStatus().isCompleted()).isTrue();
  }
}
