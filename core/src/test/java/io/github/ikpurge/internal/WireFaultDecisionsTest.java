package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the engine makes of responses no well-behaved server sends, whatever the transport. */
class WireFaultDecisionsTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg?tr=w-100";

  private final InMemoryTransport transport = new InMemoryTransport();

  private PurgeClient client(int attempts) {
    return PurgeClient.builder()
        .privateKey("private_test_" + System.nanoTime())
        .transport(transport)
        .callTimeout(Duration.ofSeconds(10))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(attempts)
                .baseDelay(Duration.ZERO)
                .maxDelay(Duration.ZERO)
                .build())
        .build();
  }

  private static TransportResponse response(int status, Headers headers, String body) {
    return TransportResponse.of(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {600, 700, 999})
  void aStatusHttpDoesNotDefineIsAnUnknownExceptionWithEverythingKept(int status) {
    transport.respond(
        response(status, Headers.builder().add("x-ik-requestId", "ik-odd").build(), "odd body"));

    UnknownException error =
        catchThrowableOfType(UnknownException.class, () -> client(3).status("abc"));

    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.rawBody()).isEqualTo("odd body");
    assertThat(error.ikRequestId()).hasValue("ik-odd");
    assertThat(transport.requests()).as("not retried").hasSize(1);
  }

  @Test
  void fiveHundredToFiveNinetyNineAreServerErrors() {
    transport.respond(599, "{}").respond(599, "{}");

    assertThat(catchThrowableOfType(InternalServerException.class, () -> client(2).status("a")))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 501, 599})
  void fiveHundredsAreServerErrorsFromTheFirstToTheLast(int status) {
    transport.respond(status, "{\"message\":\"down\"}");

    InternalServerException error =
        catchThrowableOfType(InternalServerException.class, () -> client(1).purge(URL));

    assertThat(error.statusCode()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 301, 304, 399, 100, 199})
  void aStatusOutsideTwoHundredsIsNoSuccessEvenWithAValidBody(int status) {
    transport.respond(status, "{\"status\":\"Completed\"}");

    UnknownException error =
        catchThrowableOfType(UnknownException.class, () -> client(1).status("abc"));

    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.rawBody()).isEqualTo("{\"status\":\"Completed\"}");
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 299})
  void everyTwoHundredIsASuccess(int status) {
    transport.respond(status, "{\"status\":\"Completed\"}");

    assertThat(client(1).status("abc").status().value()).isEqualTo("Completed");
  }

  @Test
  void aPurgeSendsTheUrlAsAJsonObjectWithItsContentType() {
    transport.respond(201, "{\"requestId\":\"r-1\"}");

    assertThat(client(1).purge(URL).requestId().value()).isEqualTo("r-1");

    TransportRequest sent = transport.requests().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri().toString()).isEqualTo("https://api.imagekit.io/v1/files/purge");
    assertThat(sent.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(new String(sent.body().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"url\":\"" + URL + "\"}");
  }

  @Test
  void aTransportFailureTheLibrarySentTwiceCountsAsTwoAttempts() {
    transport.failSentTwice(Kind.IO).failSentTwice(Kind.IO);

    ConnectionException error =
        catchThrowableOfType(ConnectionException.class, () -> client(3).status("abc"));

    // Two sends of three: a next attempt could cost two more, past the budget.
    assertThat(transport.requests()).hasSize(2);
    assertThat(error.getMessage()).contains("(attempt 1-2, sent 2 times by in-memory)");
  }

  @Test
  void aResendIsRetriedWhileTheBudgetHoldsTwoMoreSends() {
    transport.failSentTwice(Kind.IO).failSentTwice(Kind.IO).failSentTwice(Kind.IO);

    ConnectionException error =
        catchThrowableOfType(ConnectionException.class, () -> client(4).status("abc"));

    assertThat(transport.requests()).hasSize(4);
    assertThat(error.getMessage()).contains("(attempt 3-4, sent 2 times");
  }

  @Test
  void aResendCountsOnTheAsyncPathToo() {
    transport.failSentTwice(Kind.IO).failSentTwice(Kind.IO);

    CompletionException error =
        catchThrowableOfType(
            CompletionException.class, () -> client(3).async().status("abc").join());

    assertThat(error.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void aProtocolFailureIsAConnectionExceptionOfItsReasonRetriedOnlyOnAStatusQuery() {
    transport.fail(Kind.PROTOCOL).fail(Kind.PROTOCOL).fail(Kind.PROTOCOL).fail(Kind.PROTOCOL);
    PurgeClient client = client(3);

    ConnectionException status =
        catchThrowableOfType(ConnectionException.class, () -> client.status("a"));
    int statusAttempts = transport.requests().size();
    ConnectionException purge =
        catchThrowableOfType(
            ConnectionException.class, () -> client.purge("https://ik.imagekit.io/a.jpg"));

    assertThat(status.reason()).isEqualTo(ConnectionException.Reason.PROTOCOL);
    assertThat(purge.reason()).isEqualTo(ConnectionException.Reason.PROTOCOL);
    assertThat(statusAttempts).isEqualTo(3);
    assertThat(transport.requests().size() - statusAttempts).isEqualTo(1);
  }

  @Test
  void aHeaderSectionOverTheLimitFromTheTransportNamesTheHeaderSectionAndIsNotRetried() {
    transport.fail(Kind.HEADERS_TOO_LARGE).fail(Kind.HEADERS_TOO_LARGE);

    ResponseTooLargeException error =
        catchThrowableOfType(ResponseTooLargeException.class, () -> client(3).status("abc"));

    assertThat(error.getMessage()).contains("header section").doesNotContain("body");
    assertThat(error.limitBytes()).isEqualTo(64 << 10);
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void theEngineChecksTheHeadOfAResponseWhateverTheTransportDid() {
    transport.respond(
        response(
            200,
            Headers.builder().add("Content-Length", "5").add("Content-Length", "6").build(),
            "{\"status\":\"Completed\"}"));

    ConnectionException error =
        catchThrowableOfType(ConnectionException.class, () -> client(1).status("abc"));

    assertThat(error.reason()).isEqualTo(ConnectionException.Reason.PROTOCOL);
    assertThat(error.getMessage()).contains("more than one Content-Length");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "br", "identity, gzip"})
  void aSuccessBodyInAContentCodingIsMalformedAndNamesTheCoding(String coding) {
    transport.respond(
        response(
            200,
            Headers.builder().add("Content-Encoding", coding).build(),
            "{\"status\":\"Completed\"}"));

    MalformedResponseException error =
        catchThrowableOfType(MalformedResponseException.class, () -> client(3).status("abc"));

    assertThat(error.getMessage()).contains(coding);
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void anIdentityContentCodingIsNoCoding() {
    transport.respond(
        response(
            200,
            Headers.builder().add("Content-Encoding", "identity").build(),
            "{\"status\":\"Completed\"}"));

    assertThat(client(1).status("abc").status().value()).isEqualTo("Completed");
  }

  @Test
  void everyRequestAsksForTheBodyAsItIs() {
    client(1).status("abc");

    assertThat(transport.requests().get(0).headers().firstValue("Accept-Encoding"))
        .hasValue("identity");
  }

  @Test
  void aRateLimitWaitPastTheDeadlineFailsAtOnceWithTheWaitKept() {
    transport.respond(
        response(
            429,
            Headers.builder().add("Retry-After", "999999999999999999999").build(),
            "{\"message\":\"slow down\"}"));

    TooManyRequestsException error =
        catchThrowableOfType(TooManyRequestsException.class, () -> client(3).status("abc"));

    assertThat(error.rateLimit().requestedWait()).hasValue(RateLimits.MAX_WAIT);
    assertThat(transport.requests()).hasSize(1);
  }
}
