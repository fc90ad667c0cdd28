package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConnectionException;
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

  /** The exception class of this name in {@code io.github.ikpurge.error}. */
  private static Class<?> error(String simpleName) throws ClassNotFoundException {
    return Class.forName("io.github.ikpurge.error." + simpleName);
  }

  @ParameterizedTest(name = "HTTP {0}: status query retried={1}, purge retried={2}, {3}")
  @CsvSource({
    "408, true, false, UnknownException",
    "429, true, true, TooManyRequestsException",
    "500, true, false, InternalServerException",
    "502, true, false, InternalServerException",
    "503, true, false, InternalServerException",
    "504, true, false, InternalServerException",
    "400, false, false, BadRequestException",
    "401, false, false, UnauthorizedException",
    "403, false, false, ForbiddenException",
    "404, false, false, NotFoundException",
    "501, false, false, InternalServerException",
    "418, false, false, UnknownException"
  })
  void retriesExactlyTheDocumentedStatuses(
      int status, boolean statusRetried, boolean purgeRetried, String type) throws Exception {
    Class<?> expected = error(type);
    PurgeClient client = client(3);
    for (int i = 0; i < 3; i++) {
      transport.respond(status, "{\"message\":\"m\"}");
    }
    assertThatThrownBy(() -> client.status("abc")).isExactlyInstanceOf(expected);
    int statusAttempts = transport.requests().size();

    for (int i = 0; i < 3; i++) {
      transport.respond(status, "{\"message\":\"m\"}");
    }
    assertThatThrownBy(() -> client.purge("https://ik.imagekit.io/a.jpg"))
        .isExactlyInstanceOf(expected);
    int purgeAttempts = transport.requests().size() - statusAttempts;

    assertThat(statusAttempts).isEqualTo(statusRetried ? 3 : 1);
    assertThat(purgeAttempts).isEqualTo(purgeRetried ? 3 : 1);
  }

  @ParameterizedTest(name = "{0}: status query retried={1}, purge retried={2}, {3}")
  @CsvSource({
    "CONNECT, true, true, ConnectionException",
    "TIMEOUT, true, false, ImageKitTimeoutException",
    "IO, true, false, ConnectionException",
    "TLS, false, false, ConnectionException",
    "RESPONSE_TOO_LARGE, false, false, ResponseTooLargeException",
    "HEADERS_TOO_LARGE, false, false, ResponseTooLargeException",
    "PROTOCOL, true, false, ConnectionException"
  })
  void retriesTransportFailuresOnlyWhereSafe(
      Kind kind, boolean statusRetried, boolean purgeRetried, String type) throws Exception {
    Class<?> expected = error(type);
    PurgeClient client = client(2);
    transport.fail(kind).fail(kind);
    assertThatThrownBy(() -> client.status("abc")).isExactlyInstanceOf(expected);
    int statusAttempts = transport.requests().size();

    transport.fail(kind).fail(kind);
    assertThatThrownBy(() -> client.purge("https://ik.imagekit.io/a.jpg"))
        .isExactlyInstanceOf(expected);
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
