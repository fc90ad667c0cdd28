package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryDecisionsTest {

  private final InMemoryTransport transport = new InMemoryTransport();

  private PurgeClient client(int attempts) {
    return PurgeClient.builder()
        .privateKey("private_test")
        .transport(transport)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(attempts)
                .baseDelay(Duration.ZERO)
                .maxDelay(Duration.ZERO)
                .build())
        .build();
  }

  @ParameterizedTest(name = "HTTP {0}: status query retried={1}, purge retried={2}")
  @CsvSource({
    "408, true, false",
    "429, true, true",
    "500, true, false",
    "502, true, false",
    "503, true, false",
    "504, true, false",
    "400, false, false",
    "401, false, false",
    "403, false, false",
    "404, false, false",
    "501, false, false",
    "418, false, false"
  })
  void retriesExactlyTheDocumentedStatuses(
      int status, boolean statusRetried, boolean purgeRetried) {
    PurgeClient client = client(3);
    for (int i = 0; i < 3; i++) {
      transport.respond(status, "{\"message\":\"m\"}");
    }
    assertThatThrownBy(() -> client.status("abc")).isInstanceOf(ImageKitException.class);
    int statusAttempts = transport.requests().size();

    for (int i = 0; i < 3; i++) {
      transport.respond(status, "{\"message\":\"m\"}");
    }
    assertThatThrownBy(() -> client.purge("https://ik.imagekit.io/a.jpg"))
        .isInstanceOf(ImageKitException.class);
    int purgeAttempts = transport.requests().size() - statusAttempts;

    assertThat(statusAttempts).isEqualTo(statusRetried ? 3 : 1);
    assertThat(purgeAttempts).isEqualTo(purgeRetried ? 3 : 1);
  }

  @ParameterizedTest(name = "{0}: status query retried={1}, purge retried={2}")
  @CsvSource({
    "CONNECT, true, true",
    "TIMEOUT, true, false",
    "IO, true, false",
    "TLS, false, false",
    "RESPONSE_TOO_LARGE, false, false",
    "HEADERS_TOO_LARGE, false, false",
    "PROTOCOL, true, false"
  })
  void retriesTransportFailuresOnlyWhereSafe(
      Kind kind, boolean statusRetried, boolean purgeRetried) {
    PurgeClient client = client(2);
    transport.fail(kind).fail(kind);
    assertThatThrownBy(() -> client.status("abc")).isInstanceOf(ImageKitException.class);
    int statusAttempts = transport.requests().size();

    transport.fail(kind).fail(kind);
    assertThatThrownBy(() -> client.purge("https://ik.imagekit.io/a.jpg"))
        .isInstanceOf(ImageKitException.class);
    int purgeAttempts = transport.requests().size() - statusAttempts;

    assertThat(statusAttempts).isEqualTo(statusRetried ? 2 : 1);
    assertThat(purgeAttempts).isEqualTo(purgeRetried ? 2 : 1);
  }

  @Test
  void aRetryThatSucceedsReturnsTheValue() {
    transport.fail(Kind.IO).respond(200, "{\"status\":\"Pending\"}");

    assertThat(client(3).status("abc").status().value()).isEqualTo("Pending");
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void retriesOffMeansOneAttempt() {
    transport.fail(Kind.CONNECT);

    assertThatThrownBy(() -> client(1).status("abc"))
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("attempt 1");
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void anAttemptTimeoutIsTypedWithItsScope() {
    transport.fail(Kind.TIMEOUT);

    assertThatThrownBy(() -> client(1).status("abc"))
        .isInstanceOfSatisfying(
            ImageKitTimeoutException.class,
            e -> assertThat(e.scope()).isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT));
  }

  @Test
  void eachAttemptGetsTheConfiguredLimitAndTheBodyLimit() {
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test")
            .transport(transport)
            .attemptTimeout(Duration.ofSeconds(7))
            .maxResponseBytes(4096)
            .build();

    client.status("abc");

    assertThat(transport.requests().get(0).timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(transport.requests().get(0).maxResponseBytes()).isEqualTo(4096);
    assertThat(transport.requests().get(0).uri().toString())
        .isEqualTo("https://api.imagekit.io/v1/files/purge/abc");
  }
}
