package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.spi.TransportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The calls that take the {@link PurgeRequestId} a purge returned, as the ones taking its text. */
class RequestIdOverloadsTest {

  private static final PurgeRequestId ID = PurgeRequestId.of("5e21880d5efe355febd4bccd");

  private final InMemoryTransport transport = new InMemoryTransport();

  @Test
  void everyCallTakingAnIdAsksForThatIdAndGivesItsStatus() {
    List<Function<PurgeClient, PurgeStatusResult>> calls = new ArrayList<>();
    calls.add(client -> client.status(ID));
    calls.add(client -> client.awaitCompletion(ID));
    calls.add(client -> client.awaitCompletion(ID, Duration.ofSeconds(30)));
    calls.add(client -> client.awaitCompletion(ID, Duration.ofSeconds(30), poll -> {}));
    calls.add(client -> client.async().status(ID).join());
    calls.add(client -> client.async().awaitCompletion(ID).join());
    calls.add(client -> client.async().awaitCompletion(ID, Duration.ofSeconds(30)).join());
    calls.add(
        client -> client.async().awaitCompletion(ID, Duration.ofSeconds(30), poll -> {}).join());
    try (PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .pollPolicy(PollPolicy.builder().initialDelay(Duration.ofMillis(1)).build())
            .build()) {
      for (Function<PurgeClient, PurgeStatusResult> call : calls) {
        PurgeStatusResult result = call.apply(client);
        assertThat(result.requestId()).isEqualTo(ID);
        assertThat(result.status().isCompleted()).isTrue();
      }
    }
    assertThat(transport.requests())
        .hasSize(calls.size())
        .extracting(TransportRequest::uri)
        .allSatisfy(uri -> assertThat(uri.getPath()).isEqualTo("/v1/files/purge/" + ID.value()));
  }

  @Test
  void aNullIdIsRefusedByName() {
    try (PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .build()) {
      PurgeRequestId none = null;
      assertThatThrownBy(() -> client.status(none)).hasMessage("requestId");
      assertThatThrownBy(() -> client.awaitCompletion(none)).hasMessage("requestId");
      assertThatThrownBy(() -> client.awaitCompletion(none, Duration.ofSeconds(1)))
          .hasMessage("requestId");
      assertThatThrownBy(() -> client.awaitCompletion(none, Duration.ofSeconds(1), poll -> {}))
          .hasMessage("requestId");
      assertThatThrownBy(() -> client.async().status(none)).hasMessage("requestId");
      assertThatThrownBy(() -> client.async().awaitCompletion(none)).hasMessage("requestId");
      assertThatThrownBy(() -> client.async().awaitCompletion(none, Duration.ofSeconds(1)))
          .hasMessage("requestId");
      assertThatThrownBy(
              () -> client.async().awaitCompletion(none, Duration.ofSeconds(1), poll -> {}))
          .hasMessage("requestId");
    }
    assertThat(transport.requests()).isEmpty();
  }
}
