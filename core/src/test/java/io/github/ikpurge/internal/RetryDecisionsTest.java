package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RetryDecisionsTest {

  private final InMemoryTransport transport = new InMemoryTransport();

  private PurgeClient client(int attempts) {
    return client(attempts, Duration.ZERO);
  }

  /** A client whose retries wait a random time up to {@code delay}, every time. */
  private PurgeClient client(int attempts, Duration delay) {
    return PurgeClient.builder()
        .privateKey("private_test_" + System.nanoTime())
        .transport(transport)
        .retryPolicy(
            RetryPolicy.builder().maxAttempts(attempts).baseDelay(delay).maxDelay(delay).build())
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

  @ParameterizedTest(name = "after attempt {0}")
  @CsvSource({"1", "3", "40"})
  void theBackoffIsDrawnFromZeroToThePolicysBound(int attempt) {
    RetryPolicy policy =
        RetryPolicy.builder()
            .baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(1))
            .build();
    long bound = policy.maxDelayAfter(attempt).toNanos();

    assertThat(CallExecutor.backoffNanos(policy, attempt, drawn -> drawn)).isEqualTo(bound);
    assertThat(CallExecutor.backoffNanos(policy, attempt, drawn -> drawn / 3)).isEqualTo(bound / 3);
    assertThat(CallExecutor.backoffNanos(policy, attempt, drawn -> 0)).isZero();
  }

  @Test
  void noBaseDelayMeansNoWaitAndNoDraw() {
    RetryPolicy policy =
        RetryPolicy.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ofSeconds(1)).build();

    assertThat(
            CallExecutor.backoffNanos(
                policy,
                2,
                drawn -> {
                  throw new AssertionError("drew a delay up to " + drawn);
                }))
        .isZero();
  }

  @Test
  void theLongestBackoffEndsTheCallWithItsErrorOnBothPaths() {
    // The longest delay a policy takes: a draw from it must not overflow into an untyped
    // exception, and (nearly) no draw fits the call's deadline.
    Duration forever = Duration.ofNanos(Long.MAX_VALUE);
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .retryPolicy(RetryPolicy.builder().baseDelay(forever).maxDelay(forever).build())
            .build();
    transport.fail(Kind.IO).fail(Kind.IO);

    assertThatThrownBy(() -> client.status("abc")).isExactlyInstanceOf(ConnectionException.class);
    assertThat(catchThrowable(() -> client.async().status("abc").join()))
        .hasCauseExactlyInstanceOf(ConnectionException.class);
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void theLongestTimeoutsStillAnswerAndRetryOnBothPaths() {
    Duration longest = Duration.ofNanos(Long.MAX_VALUE);
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .attemptTimeout(longest)
            .callTimeout(longest)
            .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ZERO).build())
            .build();
    transport.fail(Kind.IO);

    assertThat(client.status("abc").status().value()).isEqualTo("Completed");
    transport.fail(Kind.IO);
    assertThat(client.async().status("abc").join().status().value()).isEqualTo("Completed");
    assertThat(transport.requests()).hasSize(4);
    // Held to half the clock's range, less what has passed since the call started.
    assertThat(transport.requests().get(0).timeout())
        .isBetween(Duration.ofNanos(Nanos.MAX).minusHours(1), Duration.ofNanos(Nanos.MAX));
  }

  @Test
  void retriesWaitARandomBackoffBetweenAttempts() {
    PurgeClient client = client(21, Duration.ofMillis(10));
    for (int i = 0; i < 20; i++) {
      transport.fail(Kind.IO);
    }
    long started = System.nanoTime();

    client.status("abc");

    // Twenty draws from 0 to 10 ms sum to about 100 ms; under 10 ms has a chance of 1 in 20!.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(10));
    assertThat(transport.requests()).hasSize(21);
  }

  @Test
  void aBackoffOfOneNanosecondStillRetries() {
    PurgeClient client = client(3, Duration.ofNanos(1));
    transport.fail(Kind.IO).fail(Kind.IO);

    assertThat(client.status("abc").status().value()).isEqualTo("Completed");
    assertThat(transport.requests()).hasSize(3);
  }

  @Test
  void theLastAttemptOfTheBudgetIsMade() {
    transport.fail(Kind.IO);

    assertThat(client(2).status("abc").status().value()).isEqualTo("Completed");
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void aTransportThatThrowsAnythingElseIsAConnectionErrorNotRetried() {
    IllegalStateException bug = new IllegalStateException("a bug in the library");
    transport.throwing(bug);

    assertThatThrownBy(() -> client(3).status("abc"))
        .isExactlyInstanceOf(ConnectionException.class)
        .hasMessageContaining("transport in-memory failed unexpectedly")
        .hasCause(bug);
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void anInterruptDuringTheExchangeEndsTheCallAndKeepsTheFlag() {
    transport.throwing(new InterruptedException("in test"));
    try {
      assertThatThrownBy(() -> client(3).status("abc"))
          .isExactlyInstanceOf(ImageKitException.class)
          .hasMessage("GET /v1/files/purge/abc was interrupted")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void anInterruptWhileWaitingToRetryEndsTheCallWithTheFailureKept() {
    PurgeClient client = client(3, Duration.ofSeconds(1));
    transport.fail(Kind.IO);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client.status("abc"))
          .isExactlyInstanceOf(ImageKitException.class)
          .hasMessageContaining("was interrupted while waiting to retry")
          .satisfies(
              e ->
                  assertThat(e.getSuppressed())
                      .singleElement()
                      .isInstanceOf(ConnectionException.class));
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(transport.requests()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void theAsyncPathDecidesEachTransportFailureAsTheBlockingOneDoes(Kind kind) {
    PurgeClient client = client(2);
    transport.fail(kind).fail(kind);
    Throwable blocking = catchThrowable(() -> client.status("abc"));
    int blockingAttempts = transport.requests().size();

    transport.fail(kind).fail(kind);
    Throwable async = catchThrowable(() -> client.async().status("abc").join());
    int asyncAttempts = transport.requests().size() - blockingAttempts;

    assertThat(async).isInstanceOf(CompletionException.class);
    assertThat(async.getCause()).isExactlyInstanceOf(blocking.getClass());
    assertThat(async.getCause().getCause()).isExactlyInstanceOf(HttpTransportException.class);
    assertThat(asyncAttempts).isEqualTo(blockingAttempts);
  }

  @Test
  void anAsyncAttemptGetsNoMoreTimeThanTheCallHasLeft() {
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .attemptTimeout(Duration.ofSeconds(50))
            .callTimeout(Duration.ofSeconds(5))
            .build();

    client.async().status("abc").join();

    assertThat(transport.requests().get(0).timeout())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(5));
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
            .privateKey("private_test_" + System.nanoTime())
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

  /** A transport may cancel an exchange itself, as it closes: the request may have gone out. */
  @Test
  void anAsyncExchangeTheTransportCancelledIsAnIoFailureRetriedOnlyWhenIdempotent()
      throws Exception {
    transport.hold();
    try (PurgeClient client = client(2)) {
      CompletableFuture<PurgeStatusResult> status = client.async().status("abc");
      transport.exchanges().get(0).cancel(true);
      transport.release();

      assertThat(status.get(30, TimeUnit.SECONDS).status().value()).isEqualTo("Completed");
      assertThat(transport.exchanges()).hasSize(2);

      transport.hold();
      CompletableFuture<PurgeResult> purge = client.async().purge("https://ik.imagekit.io/a.jpg");
      transport.exchanges().get(2).cancel(true);
      transport.release();

      assertThat(catchThrowable(() -> purge.get(30, TimeUnit.SECONDS)))
          .cause()
          .isExactlyInstanceOf(ConnectionException.class)
          .satisfies(
              e ->
                  assertThat(((ConnectionException) e).reason())
                      .isEqualTo(ConnectionException.Reason.IO))
          .cause()
          .isExactlyInstanceOf(HttpTransportException.class)
          .cause()
          .isInstanceOf(CancellationException.class);
      assertThat(transport.exchanges()).hasSize(3);
    }
  }
}
