package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.RecordedRequest;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every transport must do behind a {@link PurgeClient}, proven against the simulator. A
 * transport module extends this class and implements {@link #provider()}; nothing else changes.
 */
public abstract class PurgeClientConformanceTest {

  /** The private key the simulator in these tests accepts. */
  protected static final String KEY = "private_conformance_Zm9vYmFy";

  /** A file URL to purge. */
  protected static final String FILE = "https://ik.imagekit.io/demo/sample.jpg";

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().privateKey(KEY).completeAfterPolls(2).start();
  private HttpTransport transport;
  private PurgeClient client;

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  @BeforeEach
  void startClient() {
    transport = provider().create(TransportOptions.defaults());
    client = clientBuilder().build();
  }

  @AfterEach
  void stopEverything() {
    client.close();
    transport.close();
    simulator.close();
  }

  /** Returns a builder for a client on the transport under test, aimed at the simulator. */
  protected PurgeClient.Builder clientBuilder() {
    return PurgeClient.builder()
        .baseUri(simulator.baseUri())
        .privateKey(KEY)
        .transport(transport)
        .attemptTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10))
        .retryPolicy(
            RetryPolicy.builder()
                .baseDelay(Duration.ofMillis(5))
                .maxDelay(Duration.ofMillis(20))
                .build());
  }

  /** Returns the simulator the client talks to. */
  protected ImageKitSimulator simulator() {
    return simulator;
  }

  @Test
  void purgeReturnsTheIssuedRequestIdWithTheResponseMetadata() {
    PurgeResult result = client.purge(FILE);

    RecordedRequest received = single(simulator.journal());
    assertThat(result.metadata().statusCode()).isEqualTo(201);
    assertThat(result.metadata().rawBody())
        .isEqualTo("{\"requestId\":\"" + result.requestId().value() + "\"}");
    assertThat(result.metadata().ikRequestId()).contains(received.ikRequestId());
    assertThat(simulator.peekStatus(result.requestId().value()))
        .isEqualTo(PurgeCacheStatus.PENDING);
  }

  @Test
  void statusMovesFromPendingToCompleted() {
    String id = client.purge(FILE).requestId().value();

    assertThat(client.status(id).status()).isEqualTo(PurgeCacheStatus.PENDING);
    assertThat(client.status(id).status()).isEqualTo(PurgeCacheStatus.PENDING);
    PurgeStatusResult done = client.status(id);

    assertThat(done.status().isCompleted()).isTrue();
    assertThat(done.requestId().value()).isEqualTo(id);
    assertThat(done.metadata().rawBody()).isEqualTo("{\"status\":\"Completed\"}");
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(3);
  }

  @Test
  void sendsBasicAuthWithThePrivateKeyAndAnEmptyPassword() {
    client.purge(FILE);
    client.status(simulator.registerPurge(FILE));

    String expected =
        "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    assertThat(simulator.journal())
        .hasSize(2)
        .allSatisfy(
            request ->
                assertThat(request.headers().allValues("authorization")).containsExactly(expected));
  }

  @Test
  void purgeSendsTheUrlAsAJsonBody() {
    client.purge(FILE);

    RecordedRequest received = single(simulator.journal());
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/v1/files/purge");
    assertThat(received.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(received.bodyText()).isEqualTo("{\"url\":\"" + FILE + "\"}");
  }

  @Test
  void aUrlNeedingJsonEscapingArrivesIntact() {
    String url =
        "https://ik.imagekit.io/demo/\"quoted\"/back\\slash/caf\u00e9-\u65e5\u672c-\ud83d\ude00.jpg*";

    PurgeResult result = client.purge(url);

    RecordedRequest received = single(simulator.journal());
    assertThat(received.bodyText())
        .isEqualTo(
            "{\"url\":\"https://ik.imagekit.io/demo/\\\"quoted\\\"/back\\\\slash/caf\u00e9-\u65e5\u672c-\ud83d\ude00.jpg*\"}");
    assertThat(BuiltInJsonCodec.create().readObject(received.body())).containsEntry("url", url);
    assertThat(result.metadata().statusCode()).isEqualTo(201);
  }

  @Test
  void acceptsA200PurgeAnswerAsOlderDocsShow() {
    simulator.enqueue(ScriptedResponse.json(200, "{\"requestId\":\"abc123\"}"));

    assertThat(client.purge(FILE).requestId().value()).isEqualTo("abc123");
  }

  static Stream<Arguments> errorStatuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, ForbiddenException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(429, TooManyRequestsException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(502, InternalServerException.class),
        Arguments.of(503, InternalServerException.class),
        Arguments.of(504, InternalServerException.class),
        Arguments.of(418, UnknownException.class),
        Arguments.of(302, UnknownException.class));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("errorStatuses")
  void eachErrorStatusBecomesItsTypedExceptionWithNothingLost(
      int status, Class<? extends ApiException> type) {
    PurgeClient once = clientBuilder().retryPolicy(RetryPolicy.none()).build();
    String body = "{\"message\":\"Something went wrong.\",\"help\":\"Ask support.\",\"extra\":1}";
    simulator.enqueue(ScriptedResponse.json(status, body).withHeader("X-Trace", "t-1"));

    ApiException error = catchThrowableOfType(type, () -> once.status("abc"));

    RecordedRequest received = single(simulator.journal());
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.apiMessage()).contains("Something went wrong.");
    assertThat(error.help()).contains("Ask support.");
    assertThat(error.rawBody()).isEqualTo(body);
    assertThat(error.headers().firstValue("x-trace")).contains("t-1");
    assertThat(error.ikRequestId()).contains(received.ikRequestId());
    assertThat(error.getMessage())
        .contains("HTTP " + status)
        .contains("Something went wrong.")
        .contains(received.ikRequestId());
  }

  @Test
  void anUnknownKeyIsForbidden() {
    PurgeClient stranger = clientBuilder().privateKey("private_unknown").build();

    ForbiddenException error =
        catchThrowableOfType(ForbiddenException.class, () -> stranger.purge(FILE));

    assertThat(error.apiMessage()).contains("Your account cannot be authenticated.");
    assertThat(error.help()).isPresent();
  }

  @Test
  void anUnknownRequestIdIsABadRequestWithImageKitsMessage() {
    BadRequestException error =
        catchThrowableOfType(
            BadRequestException.class, () -> client.status("598821f949c0a938d57563bd"));

    assertThat(error.apiMessage()).contains("No request found for this requestId.");
    assertThat(error.ikRequestId()).isPresent();
  }

  @Test
  void aNonJsonErrorBodyStillBecomesATypedErrorWithTheRawBodyKept() {
    String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    simulator.enqueue(
        ScriptedResponse.status(502).withHeader("Content-Type", "text/html").withBody(html));
    PurgeClient once = clientBuilder().retryPolicy(RetryPolicy.none()).build();

    InternalServerException error =
        catchThrowableOfType(InternalServerException.class, () -> once.status("abc"));

    assertThat(error.rawBody()).isEqualTo(html);
    assertThat(error.apiMessage()).isEmpty();
    assertThat(error.getMessage()).contains("HTTP 502").contains("text/html");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "not json",
        "",
        "{}",
        "[]",
        "{\"status\":5}",
        "{\"status\":null}",
        "{\"status\":[\"Pending\"]}",
        "{\"status\":\"Pending\"} trailing",
        "{\"status\":\"Pending\""
      })
  void aMalformedSuccessBodyIsATypedErrorWithTheRawBodyKept(String body) {
    simulator.enqueue(ScriptedResponse.json(200, body));

    MalformedResponseException error =
        catchThrowableOfType(MalformedResponseException.class, () -> client.status("abc"));

    assertThat(error.response()).hasValueSatisfying(r -> assertThat(r.rawBody()).isEqualTo(body));
    assertThat(error.ikRequestId()).isPresent();
    assertThat(simulator.journal()).hasSize(1);
  }

  @Test
  void anInvalidRequestIdInAPurgeAnswerIsMalformed() {
    simulator.enqueue(ScriptedResponse.json(201, "{\"requestId\":\"../../admin\"}"));

    assertThatThrownBy(() -> client.purge(FILE))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("requestId");
  }

  @Test
  void unknownFieldsAreIgnored() {
    simulator.enqueue(
        ScriptedResponse.json(
            200,
            "{\"status\":\"Completed\",\"extra\":{\"nested\":[1,2.5e3,true,null]},\"more\":\"x\"}"));

    assertThat(client.status("abc").status()).isEqualTo(PurgeCacheStatus.COMPLETED);
  }

  @Test
  void aStatusThisSdkDoesNotKnowIsKeptVerbatim() {
    simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Queued\"}"));

    PurgeCacheStatus status = client.status("abc").status();

    assertThat(status.value()).isEqualTo("Queued");
    assertThat(status.isKnown()).isFalse();
  }

  @Test
  void asyncPurgeThenStatusWorks() throws Exception {
    String id = client.async().purge(FILE).get(10, TimeUnit.SECONDS).requestId().value();

    PurgeStatusResult status = client.async().status(id).get(10, TimeUnit.SECONDS);

    assertThat(status.status()).isEqualTo(PurgeCacheStatus.PENDING);
  }

  @Test
  void asyncErrorsFailTheFutureWithTheTypedException() {
    Throwable failure = catchThrowable(() -> client.async().status("unknown-id").join());

    assertThat(failure).isInstanceOf(CompletionException.class);
    assertThat(failure.getCause()).isInstanceOf(BadRequestException.class);
  }

  static Stream<Arguments> badRequestIds() {
    return Stream.of(
        Arguments.of(null, NullPointerException.class, "requestId"),
        Arguments.of("", IllegalArgumentException.class, "requestId must not be blank"),
        Arguments.of("   ", IllegalArgumentException.class, "requestId must not be blank"),
        Arguments.of("..", IllegalArgumentException.class, "'..'"),
        Arguments.of("a..b", IllegalArgumentException.class, "'..'"),
        Arguments.of("a/b", IllegalArgumentException.class, "'/'"),
        Arguments.of("a?b=c", IllegalArgumentException.class, "'?'"),
        Arguments.of("a#b", IllegalArgumentException.class, "'#'"),
        Arguments.of("a b", IllegalArgumentException.class, "whitespace"),
        Arguments.of("a\tb", IllegalArgumentException.class, "control character U+0009"),
        Arguments.of("a\nb", IllegalArgumentException.class, "control character U+000A"),
        Arguments.of("a\u0000b", IllegalArgumentException.class, "control character U+0000"),
        Arguments.of("a%2Fb", IllegalArgumentException.class, "'%'"),
        Arguments.of("x".repeat(129), IllegalArgumentException.class, "129 characters"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("badRequestIds")
  void aBadRequestIdIsRejectedBeforeAnyNetworkCall(
      String requestId, Class<? extends Throwable> type, String problem) {
    assertThatThrownBy(() -> client.status(requestId))
        .isInstanceOf(type)
        .hasMessageContaining("requestId")
        .hasMessageContaining(problem);
    assertThatThrownBy(() -> client.async().status(requestId)).isInstanceOf(type);
    assertThat(simulator.journal()).isEmpty();
  }

  static Stream<Arguments> badUrls() {
    return Stream.of(
        Arguments.of(null, NullPointerException.class, "url"),
        Arguments.of("", IllegalArgumentException.class, "url must not be blank"),
        Arguments.of("/demo/sample.jpg", IllegalArgumentException.class, "absolute http or https"),
        Arguments.of("demo/sample.jpg", IllegalArgumentException.class, "absolute http or https"),
        Arguments.of("ftp://ik.imagekit.io/a.jpg", IllegalArgumentException.class, "http or https"),
        Arguments.of("file:///etc/passwd", IllegalArgumentException.class, "http or https"),
        Arguments.of("https://", IllegalArgumentException.class, "no host"),
        Arguments.of("https:///a.jpg", IllegalArgumentException.class, "no host"),
        Arguments.of("https://ik.imagekit.io/*/a.jpg", IllegalArgumentException.class, "wildcard"),
        Arguments.of("https://ik.imagekit.io/a**", IllegalArgumentException.class, "wildcard"),
        Arguments.of("https://*.imagekit.io/a", IllegalArgumentException.class, "wildcard"),
        Arguments.of(
            "https://ik.imagekit.io/a b.jpg", IllegalArgumentException.class, "whitespace"),
        Arguments.of("https://ik.imagekit.io/a\r\nb", IllegalArgumentException.class, "U+000D"),
        Arguments.of(
            "https://ik.imagekit.io/a\ud800b", IllegalArgumentException.class, "lone surrogate"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badUrls")
  void aBadPurgeUrlIsRejectedBeforeAnyNetworkCall(
      String url, Class<? extends Throwable> type, String problem) {
    assertThatThrownBy(() -> client.purge(url))
        .isInstanceOf(type)
        .hasMessageContaining("url")
        .hasMessageContaining(problem);
    assertThatThrownBy(() -> client.async().purge(url)).isInstanceOf(type);
    assertThat(simulator.journal()).isEmpty();
  }

  @Test
  void aBlankOrPublicKeyIsRefusedBeforeAnyNetworkCall() {
    assertThatThrownBy(() -> clientBuilder().privateKey(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("privateKey");
    assertThatThrownBy(() -> clientBuilder().privateKey("public_abc").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("privateKey")
        .hasMessageNotContaining("public_abc");
    assertThat(simulator.journal()).isEmpty();
  }

  @Test
  void aStatusQueryIsRetriedAfterA503() {
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(503, "Service unavailable.", null));
    String id = simulator.registerPurge(FILE);

    assertThat(client.status(id).status()).isEqualTo(PurgeCacheStatus.PENDING);
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(2);
  }

  @Test
  void aPurgeIsNotRetriedAfterA500BecauseItMayHaveBeenProcessed() {
    simulator.enqueue(ScriptedResponse.error(500, "Internal error.", null));

    assertThatThrownBy(() -> client.purge(FILE)).isInstanceOf(InternalServerException.class);
    assertThat(simulator.journal()).hasSize(1);
  }

  @Test
  void aPurgeIsRetriedAfterA429ThatAsksForAShortWait() {
    simulator.enqueue(
        ScriptedResponse.error(429, "Too many requests.", null)
            .withHeader("X-RateLimit-Limit", "10")
            .withHeader("X-RateLimit-Reset", "50")
            .withHeader("X-RateLimit-Interval", "1000"));

    long started = System.nanoTime();
    PurgeResult result = client.purge(FILE);

    assertThat(result.metadata().statusCode()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(simulator.journal()).hasSize(2);
  }

  @Test
  void a429AskingForMoreThanTheDeadlineFailsAtOnceWithTheRateLimit() {
    simulator.enqueue(
        ScriptedResponse.error(429, "Too many requests.", null)
            .withHeader("X-RateLimit-Limit", "10")
            .withHeader("X-RateLimit-Reset", "60000")
            .withHeader("X-RateLimit-Interval", "60000"));

    long started = System.nanoTime();
    TooManyRequestsException error =
        catchThrowableOfType(TooManyRequestsException.class, () -> client.status("abc"));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("failed at once, not after the minute asked")
        .isLessThan(Duration.ofSeconds(20));
    RateLimit limit = error.rateLimit();
    assertThat(limit.limit()).hasValue(10);
    assertThat(limit.reset()).contains(Duration.ofSeconds(60));
    assertThat(limit.interval()).contains(Duration.ofSeconds(60));
    assertThat(simulator.journal()).hasSize(1);
  }

  @Test
  void aSlowResponseTimesOutTheAttempt() {
    PurgeClient impatient =
        clientBuilder()
            .attemptTimeout(Duration.ofMillis(300))
            .retryPolicy(RetryPolicy.none())
            .build();
    simulator.enqueue(
        ScriptedResponse.json(200, "{\"status\":\"Pending\"}").withDelay(SLOW_RESPONSE));

    long started = System.nanoTime();
    ImageKitTimeoutException error =
        catchThrowableOfType(ImageKitTimeoutException.class, () -> impatient.status("abc"));

    assertThat(error.scope()).isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT);
    assertThat(error.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMED_OUT_WELL_BEFORE);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCallTimeoutBoundsTheWholeCall(Mode mode) {
    PurgeClient impatient =
        clientBuilder()
            .attemptTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofMillis(400))
            .build();
    simulator.enqueue(
        ScriptedResponse.json(200, "{\"status\":\"Pending\"}").withDelay(SLOW_RESPONSE));

    long started = System.nanoTime();
    ImageKitTimeoutException error =
        catchThrowableOfType(
            ImageKitTimeoutException.class,
            () -> join(mode, () -> impatient.status("abc"), () -> impatient.async().status("abc")));

    assertThat(error.scope()).isEqualTo(ImageKitTimeoutException.Scope.CALL);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMED_OUT_WELL_BEFORE);
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    String big = "{\"status\":\"" + "x".repeat(2 << 20) + "\"}";
    simulator.enqueue(ScriptedResponse.json(200, big));

    ResponseTooLargeException error =
        catchThrowableOfType(ResponseTooLargeException.class, () -> client.status("abc"));

    assertThat(error.limitBytes()).isEqualTo(1 << 20);
  }

  @Test
  void headersAtTheLimitAreAcceptedAndOneByteMoreAreRefused() {
    ScriptedResponse bigHeaders =
        ScriptedResponse.json(200, "{\"status\":\"Pending\"}")
            .withHeader("X-Big", "b".repeat(40_000));
    simulator.enqueue(bigHeaders.withHeader("x-ik-requestId", "fixed-id"));
    long size = client.status("abc").metadata().headers().byteSize();
    assertThat(size).isGreaterThan(40_000);

    PurgeClient atLimit = clientBuilder().maxResponseHeaderBytes((int) size).build();
    simulator.enqueue(bigHeaders.withHeader("x-ik-requestId", "fixed-id"));
    assertThat(atLimit.status("abc").status()).isEqualTo(PurgeCacheStatus.PENDING);

    PurgeClient underLimit = clientBuilder().maxResponseHeaderBytes((int) size - 1).build();
    simulator.enqueue(bigHeaders.withHeader("x-ik-requestId", "fixed-id"));
    ResponseTooLargeException error =
        catchThrowableOfType(ResponseTooLargeException.class, () -> underLimit.status("abc"));
    assertThat(error.limitBytes()).isEqualTo(size - 1);
    assertThat(error.getMessage()).contains("response header section");
  }

  @Test
  void aRefusedConnectionIsAConnectionErrorWithItsCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PurgeClient nowhere =
        clientBuilder()
            .baseUri("http://127.0.0.1:" + closedPort)
            .retryPolicy(RetryPolicy.none())
            .build();

    ConnectionException error =
        catchThrowableOfType(ConnectionException.class, () -> nowhere.status("abc"));

    assertThat(error.reason()).isEqualTo(ConnectionException.Reason.CONNECT);
    assertThat(error.getMessage())
        .startsWith("GET /v1/files/purge/abc (attempt 1): could not connect to 127.0.0.1:")
        .doesNotContain("resolve");
    assertThat(error.getCause()).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void aHostThatDoesNotResolveIsSaidPlainly(Mode mode) {
    // RFC 6761: no name under .invalid resolves.
    Throwable thrown;
    try (PurgeClient nowhere =
        clientBuilder()
            .baseUri("https://api.ikpurge-conformance.invalid")
            .retryPolicy(RetryPolicy.none())
            .build()) {
      thrown =
          catchThrowable(
              () -> {
                if (mode == Mode.SYNC) {
                  nowhere.status("abc");
                } else {
                  nowhere.async().status("abc").join();
                }
              });
    }
    Throwable error = thrown instanceof CompletionException ? thrown.getCause() : thrown;

    assertThat(error)
        .isExactlyInstanceOf(ConnectionException.class)
        .hasMessage(
            "GET /v1/files/purge/abc (attempt 1): could not resolve the host"
                + " api.ikpurge-conformance.invalid: the name lookup failed (check the base URI and"
                + " this machine's DNS)");
    assertThat(((ConnectionException) error).reason())
        .isEqualTo(ConnectionException.Reason.CONNECT);
    assertThat(error.getCause()).isNotNull();
  }

  @Test
  void thePrivateKeyAppearsInNoLogLineMessageOrToString() {
    String encoded =
        Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    List<String> texts;
    try (LogCapture logs = LogCapture.start()) {
      PurgeClient logged = clientBuilder().build();
      String id = logged.purge(FILE).requestId().value();
      logged.status(id);
      simulator.enqueue(
          ScriptedResponse.error(401, "Your request does not contain private API key.", null));
      ImageKitException error =
          catchThrowableOfType(ImageKitException.class, () -> logged.status(id));
      texts =
          List.of(
              logs.text(),
              String.valueOf(error),
              error.getMessage(),
              logged.toString(),
              logged.async().toString(),
              transport.toString());
      assertThat(logs.lines())
          .as("one debug line per attempt with method, path, status, attempt and x-ik-requestId")
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("POST /v1/files/purge -> 201 attempt 1/3")
                      .containsPattern(" in \\d+ ms ")
                      .containsPattern("x-ik-requestId=[0-9a-f]{24}"))
          .anySatisfy(
              line ->
                  assertThat(line).contains("GET /v1/files/purge/" + id + " -> 200 attempt 1/3"));
    }
    assertThat(texts)
        .allSatisfy(text -> assertThat(text).doesNotContain(KEY).doesNotContain(encoded));
  }

  /** How a wait is driven. */
  public enum Mode {
    /** The blocking methods. */
    SYNC,
    /** The asynchronous view. */
    ASYNC
  }

  /**
   * How late a scheduled poll may go out on a busy machine before a test calls it wrong. A test
   * tells a delay from a missing one by a margin larger than this.
   */
  private static final Duration LATE = Duration.ofSeconds(2);

  /** A response or a wait so long that a call which waits for it is plainly wrong. */
  private static final Duration SLOW_RESPONSE = Duration.ofSeconds(60);

  /** How soon a call that must not wait for {@link #SLOW_RESPONSE} ends, on any machine. */
  private static final Duration TIMED_OUT_WELL_BEFORE = Duration.ofSeconds(15);

  private static final PollPolicy FAST_POLLS =
      PollPolicy.builder()
          .initialDelay(Duration.ofMillis(40))
          .multiplier(1.5)
          .maxDelay(Duration.ofMillis(120))
          .jitter(0)
          .build();

  /** Runs the blocking form or waits for the asynchronous one, unwrapping its failure. */
  private static <T> T join(Mode mode, Supplier<T> blocking, Supplier<CompletableFuture<T>> async) {
    if (mode == Mode.SYNC) {
      return blocking.get();
    }
    try {
      return async.get().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError("the call failed with a checked exception", e);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the call did not end within 30 s", e);
    }
  }

  private static PurgeStatusResult await(
      PurgeClient client, Mode mode, String requestId, Duration maxWait, PollListener listener) {
    return join(
        mode,
        () -> client.awaitCompletion(requestId, maxWait, listener),
        () -> client.async().awaitCompletion(requestId, maxWait, listener));
  }

  private static PurgeStatusResult purgeAndAwait(
      PurgeClient client, Mode mode, String url, Duration maxWait, PollListener listener) {
    return join(
        mode,
        () -> client.purgeAndAwait(url, maxWait, listener),
        () -> client.async().purgeAndAwait(url, maxWait, listener));
  }

  private static List<Duration> gaps(List<RecordedRequest> requests) {
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < requests.size(); i++) {
      gaps.add(Duration.between(requests.get(i - 1).receivedAt(), requests.get(i).receivedAt()));
    }
    return gaps;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void purgeAndAwaitFollowsThePurgeToCompletionAndReportsEachPoll(Mode mode) {
    PurgeClient waiting = clientBuilder().pollPolicy(FAST_POLLS).build();
    List<PollEvent> polls = new CopyOnWriteArrayList<>();

    PurgeStatusResult result =
        purgeAndAwait(waiting, mode, FILE, Duration.ofSeconds(10), polls::add);

    assertThat(result.status()).isEqualTo(PurgeCacheStatus.COMPLETED);
    assertThat(polls).extracting(PollEvent::poll).containsExactly(1, 2, 3);
    assertThat(polls)
        .extracting(PollEvent::status)
        .containsExactly(
            PurgeCacheStatus.PENDING, PurgeCacheStatus.PENDING, PurgeCacheStatus.COMPLETED);
    assertThat(polls)
        .allSatisfy(poll -> assertThat(poll.requestId()).isEqualTo(result.requestId()));
    assertThat(simulator.journal(Endpoint.PURGE)).hasSize(1);
    List<RecordedRequest> all = simulator.journal();
    assertThat(gaps(all))
        .as("the first poll waits the first delay, then each delay grows by 1.5")
        .satisfiesExactly(
            gap -> assertThat(gap).isBetween(Duration.ofMillis(35), LATE.plusMillis(40)),
            gap -> assertThat(gap).isBetween(Duration.ofMillis(55), LATE.plusMillis(60)),
            gap -> assertThat(gap).isBetween(Duration.ofMillis(85), LATE.plusMillis(90)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitCompletionPollsAtOnce(Mode mode) {
    PurgeClient waiting =
        clientBuilder()
            .pollPolicy(
                PollPolicy.builder()
                    .initialDelay(SLOW_RESPONSE)
                    .maxDelay(SLOW_RESPONSE)
                    .jitter(0)
                    .build())
            .build();
    String id = simulator.registerPurge(FILE);
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Completed\"}"));

    long started = System.nanoTime();
    PurgeStatusResult result = await(waiting, mode, id, SLOW_RESPONSE.multipliedBy(2), e -> {});

    assertThat(result.status().isCompleted()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("the first poll goes out at once, not after the first delay")
        .isLessThan(TIMED_OUT_WELL_BEFORE);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void awaitCompletionPollsOnTheScheduleUpToItsCap(Mode mode) {
    // Growing fivefold, the delays would pass LATE from the fourth one on: the cap keeps them at
    // 150 ms however busy the machine, and a delay is never shorter than scheduled.
    PollPolicy capped =
        PollPolicy.builder()
            .initialDelay(Duration.ofMillis(40))
            .multiplier(5)
            .maxDelay(Duration.ofMillis(150))
            .jitter(0)
            .build();
    PurgeClient waiting = clientBuilder().pollPolicy(capped).build();
    String id = simulator.registerPurge(FILE);
    for (int i = 0; i < 5; i++) {
      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));
    }

    PurgeStatusResult result = await(waiting, mode, id, Duration.ofSeconds(30), event -> {});

    assertThat(result.status().isCompleted()).isTrue();
    List<RecordedRequest> polls = simulator.journal(Endpoint.STATUS);
    assertThat(polls).hasSize(8);
    List<Duration> gaps = gaps(polls);
    long[] nominal = {40, 150, 150, 150, 150, 150, 150};
    for (int i = 0; i < nominal.length; i++) {
      assertThat(gaps.get(i))
          .as("delay %d", i + 1)
          .isBetween(Duration.ofMillis(nominal[i] - 5), LATE.plusMillis(nominal[i]));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWaitThatRunsOutThrowsWithTheLastStatusSeenAndHowLongItWaited(Mode mode) {
    PurgeClient waiting = clientBuilder().pollPolicy(FAST_POLLS).build();
    String id = simulator.registerPurge(FILE);
    for (int i = 0; i < 50; i++) {
      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));
    }

    long started = System.nanoTime();
    CompletionTimeoutException error =
        catchThrowableOfType(
            CompletionTimeoutException.class,
            () -> await(waiting, mode, id, Duration.ofMillis(500), event -> {}));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(error.requestId()).isEqualTo(id);
    assertThat(error.lastStatus()).contains(PurgeCacheStatus.PENDING);
    assertThat(error.polls())
        .as("polls made, which a busy machine slows")
        .isGreaterThanOrEqualTo(2)
        .isEqualTo(simulator.journal(Endpoint.STATUS).size());
    assertThat(error.waited()).isBetween(Duration.ofMillis(250), LATE.plusMillis(500));
    assertThat(elapsed).isLessThan(TIMED_OUT_WELL_BEFORE);
    assertThat(error.getMessage()).contains(id).contains("still Pending");
  }

  @Test
  void cancellingAnAsyncWaitStopsThePolling() throws Exception {
    PurgeClient waiting = clientBuilder().pollPolicy(FAST_POLLS).build();
    String id = simulator.registerPurge(FILE);
    for (int i = 0; i < 200; i++) {
      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));
    }
    CompletableFuture<PurgeStatusResult> wait =
        waiting.async().awaitCompletion(id, Duration.ofSeconds(30), event -> {});
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (simulator.journal(Endpoint.STATUS).size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(wait.cancel(true)).isTrue();
    int pollsAtCancel = simulator.journal(Endpoint.STATUS).size();
    Thread.sleep(600);

    assertThat(pollsAtCancel).isGreaterThanOrEqualTo(3);
    assertThat(simulator.journal(Endpoint.STATUS).size())
        .as("no poll after the cancel, but one that was already under way")
        .isLessThanOrEqualTo(pollsAtCancel + 1);
    assertThat(wait.isCancelled()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRateLimitDuringTheWaitStretchesTheNextPoll(Mode mode) {
    PurgeClient waiting =
        clientBuilder().pollPolicy(FAST_POLLS).retryPolicy(RetryPolicy.none()).build();
    String id = simulator.registerPurge(FILE);
    simulator.enqueue(
        Endpoint.STATUS,
        ScriptedResponse.error(429, "Too many requests.", null)
            .withHeader("X-RateLimit-Limit", "5")
            .withHeader("X-RateLimit-Reset", "300")
            .withHeader("X-RateLimit-Interval", "1000"));

    PurgeStatusResult result = await(waiting, mode, id, Duration.ofSeconds(10), event -> {});

    List<RecordedRequest> polls = simulator.journal(Endpoint.STATUS);
    assertThat(result.status().isCompleted()).isTrue();
    assertThat(polls).hasSize(4);
    assertThat(gaps(polls).get(0))
        .as("the poll after the 429 waits what X-RateLimit-Reset asked")
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRateLimitAskingForMoreThanTheWaitHasLeftEndsItAtOnce(Mode mode) {
    PurgeClient waiting = clientBuilder().pollPolicy(FAST_POLLS).build();
    String id = simulator.registerPurge(FILE);
    simulator.enqueue(
        Endpoint.STATUS,
        ScriptedResponse.error(429, "Too many requests.", null)
            .withHeader("X-RateLimit-Reset", "600000"));

    long started = System.nanoTime();
    CompletionTimeoutException error =
        catchThrowableOfType(
            CompletionTimeoutException.class,
            () -> await(waiting, mode, id, SLOW_RESPONSE, event -> {}));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("ended at once, not at the end of the wait")
        .isLessThan(TIMED_OUT_WELL_BEFORE);
    assertThat(error.getCause()).isInstanceOf(TooManyRequestsException.class);
    assertThat(error.polls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aListenerThatThrowsEndsTheWaitWithItsException(Mode mode) {
    PurgeClient waiting = clientBuilder().pollPolicy(FAST_POLLS).build();
    String id = simulator.registerPurge(FILE);

    assertThatThrownBy(
            () ->
                await(
                    waiting,
                    mode,
                    id,
                    Duration.ofSeconds(10),
                    event -> {
                      throw new IllegalStateException("listener says stop");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener says stop");
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(1);
  }

  @Test
  void aWaitNeedsAPositiveLimitAndAValidIdBeforeAnyNetworkCall() {
    assertThatThrownBy(() -> client.awaitCompletion("abc", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWait");
    assertThatThrownBy(() -> client.async().purgeAndAwait(FILE, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWait");
    assertThatThrownBy(() -> client.awaitCompletion("../x", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestId");
    assertThatThrownBy(() -> client.purgeAndAwait("/relative", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url");
    assertThat(simulator.journal()).isEmpty();
  }

  private static RecordedRequest single(List<RecordedRequest> journal) {
    assertThat(journal).hasSize(1);
    return journal.get(0);
  }
}
