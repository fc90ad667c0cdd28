package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.RecordedRequest;
import io.github.ikpurge.testkit.ScriptedResponse;
import io.github.ikpurge.testkit.SimulatorTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every transport must do, sync and async, proven against the simulator: the contract of
 * {@link HttpTransport}. A transport module extends this class and implements {@link #provider()};
 * nothing else changes.
 */
public abstract class HttpTransportConformanceTest {

  /** A delay so long that an exchange which waits for it is plainly wrong. */
  private static final Duration SLOW_RESPONSE = Duration.ofSeconds(60);

  /** How soon an exchange that must not wait for {@link #SLOW_RESPONSE} ends, on any machine. */
  private static final Duration ENDED_WELL_BEFORE = Duration.ofSeconds(15);

  /** The private key the simulator in these tests accepts. */
  protected static final String KEY = "private_transport_conformance";

  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));

  /** How a test drives the transport. */
  public enum Mode {
    /** {@link HttpTransport#execute}. */
    SYNC,
    /** {@link HttpTransport#executeAsync}. */
    ASYNC
  }

  private final ImageKitSimulator simulator = ImageKitSimulator.builder().privateKey(KEY).start();
  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /**
   * Returns how soon after {@link HttpTransport#close()} the transport's pooled connections are
   * closed, or empty where the transport cannot close them (the test then says why it is skipped).
   */
  protected Optional<Duration> connectionsReleasedAfterClose() {
    return Optional.of(Duration.ofSeconds(5));
  }

  /**
   * Returns how soon the connection of an exchange aborted while its body is slow is closed, or
   * empty where the library keeps it past the abort, out of the transport's reach (the exchange
   * itself must still end promptly).
   */
  protected Optional<Duration> connectionClosedAfterBodyAbort() {
    return Optional.of(ENDED_WELL_BEFORE);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    simulator.close();
  }

  /** Returns a new transport with these options, closed after the test. */
  protected HttpTransport transport(TransportOptions options) {
    HttpTransport transport = provider().create(options);
    resources.add(transport);
    return transport;
  }

  private HttpTransport transport() {
    return transport(TransportOptions.defaults());
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  private TransportRequest.Builder request(String method, URI base, String path) {
    return TransportRequest.builder()
        .method(method)
        .uri(URI.create(base + path))
        .headers(
            Headers.builder()
                .add("Authorization", AUTHORIZATION)
                .add("Accept", "application/json")
                .build())
        .timeout(Duration.ofSeconds(10));
  }

  private TransportRequest.Builder get(String path) {
    return request("GET", simulator.baseUri(), path);
  }

  private static TransportResponse send(
      HttpTransport transport, TransportRequest request, Mode mode)
      throws IOException, InterruptedException {
    if (mode == Mode.SYNC) {
      return transport.execute(request);
    }
    try {
      return transport.executeAsync(request).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new AssertionError("the async call failed with something other than an IOException", e);
    } catch (TimeoutException e) {
      throw new AssertionError("the async call did not finish within 30 s", e);
    }
  }

  private static HttpTransportException failure(
      HttpTransport transport, TransportRequest request, Mode mode) throws InterruptedException {
    try {
      TransportResponse response = send(transport, request, mode);
      return fail("expected a failure, got " + response);
    } catch (HttpTransportException e) {
      return e;
    } catch (IOException e) {
      return fail("expected an HttpTransportException with a kind, got " + e, e);
    }
  }

  private static String text(TransportResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Header values, with any a transport joined with commas split again. */
  private static List<String> values(Headers headers, String name) {
    return headers.allValues(name).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::strip)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGetReturnsStatusHeadersAndBody(Mode mode) throws Exception {
    String id = simulator.registerPurge("https://ik.imagekit.io/demo/a.jpg");

    TransportResponse response = send(transport(), get("/v1/files/purge/" + id).build(), mode);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{\"status\":\"Pending\"}");
    assertThat(response.headers().firstValue("X-IK-REQUESTID"))
        .contains(simulator.journal().get(0).ikRequestId());
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostSendsItsBodyAndEveryHeader(Mode mode) throws Exception {
    byte[] body =
        "{\"url\":\"https://ik.imagekit.io/demo/caf\u00e9.jpg\"}".getBytes(StandardCharsets.UTF_8);
    TransportRequest request =
        request("POST", simulator.baseUri(), "/v1/files/purge")
            .headers(
                Headers.builder()
                    .add("Authorization", AUTHORIZATION)
                    .add("Content-Type", "application/json; charset=utf-8")
                    .add("User-Agent", "ikpurge-conformance/1")
                    .add("X-Multi", "a")
                    .add("X-Multi", "b")
                    .build())
            .body(body)
            .build();

    TransportResponse response = send(transport(), request, mode);

    assertThat(response.statusCode()).isEqualTo(201);
    RecordedRequest received = simulator.journal().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.headers().firstValue("authorization")).contains(AUTHORIZATION);
    assertThat(received.headers().firstValue("content-type"))
        .contains("application/json; charset=utf-8");
    assertThat(received.headers().firstValue("user-agent"))
        .hasValueSatisfying(agent -> assertThat(agent).contains("ikpurge-conformance/1"));
    assertThat(values(received.headers(), "x-multi")).containsExactly("a", "b");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void responseHeadersAreCaseInsensitiveAndMultiValued(Mode mode) throws Exception {
    simulator.enqueue(
        ScriptedResponse.status(200)
            .withHeader("X-Multi", "one")
            .withHeader("x-multi", "two")
            .withHeader("X-Single", "s")
            .withBody("ok"));

    TransportResponse response = send(transport(), get("/x").build(), mode);

    assertThat(values(response.headers(), "x-MULTI")).containsExactly("one", "two");
    assertThat(response.headers().firstValue("x-single")).contains("s");
    assertThat(response.headers().contains("X-SINGLE")).isTrue();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
            200, 201, 202, 204, 301, 302, 304, 307, 400, 401, 403, 404, 405, 409, 418, 429, 500,
            501, 502, 503, 504)
        .flatMap(
            status -> Stream.of(Arguments.of(status, Mode.SYNC), Arguments.of(status, Mode.ASYNC)));
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("statuses")
  void everyStatusComesBackAsAResponseAndNoRedirectIsFollowed(int status, Mode mode)
      throws Exception {
    boolean bodyless = status == 204 || status == 304;
    String body = bodyless ? "" : "{\"message\":\"status " + status + "\"}";
    simulator.enqueue(
        ScriptedResponse.json(status, body)
            .withHeader("Location", simulator.baseUri() + "/elsewhere"));

    TransportResponse response = send(transport(), get("/v1/files/purge/abc").build(), mode);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(text(response)).isEqualTo(body);
    assertThat(simulator.journal()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEmptyBodyIsAnEmptyArray(Mode mode) throws Exception {
    simulator.enqueue(ScriptedResponse.status(200));

    TransportResponse response = send(transport(), get("/x").build(), mode);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBodyAtTheLimitIsAcceptedAndOneByteMoreIsRefused(Mode mode) throws Exception {
    int limit = 1 << 20;
    byte[] atLimit = new byte[limit];
    Arrays.fill(atLimit, (byte) 'a');
    byte[] overLimit = Arrays.copyOf(atLimit, limit + 1);
    overLimit[limit] = 'a';
    HttpTransport transport = transport();
    TransportRequest request = get("/x").maxResponseBytes(limit).build();

    simulator.enqueue(ScriptedResponse.status(200).withBody(atLimit));
    assertThat(send(transport, request, mode).body()).isEqualTo(atLimit);

    simulator.enqueue(ScriptedResponse.status(200).withBody(overLimit));
    assertThat(failure(transport, request, mode).kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);

    simulator.enqueue(ScriptedResponse.status(200).withBody(overLimit).withChunkedEncoding());
    assertThat(failure(transport, request, mode).kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);

    simulator.enqueue(ScriptedResponse.status(200).withBody("after"));
    assertThat(text(send(transport, request, mode))).isEqualTo("after");
  }

  /**
   * Transports keep no time: the client's timer aborts an exchange at its deadline, by {@link
   * HttpTransport.Exchange#abort()} or by cancelling the future of {@link
   * HttpTransport#executeAsync}. An aborted exchange ends promptly, with any {@link IOException},
   * and closes its connection rather than leaving it to the slow server.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void abortingAnExchangeAwaitingItsResponseEndsItAndItsConnection(Mode mode) throws Exception {
    simulator.enqueue(ScriptedResponse.status(200).withBody("late").withDelay(SLOW_RESPONSE));
    assertAbortEndsTheExchange(mode, Duration.ofSeconds(10), Optional.of(ENDED_WELL_BEFORE));
  }

  /**
   * As above, while the body is slow. A library may be unable to cut short a read already blocked
   * in a body (HttpURLConnection, under Feign): there the socket timeout it was given from {@link
   * TransportRequest#timeout()} ends the exchange, so the request has a short one.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void abortingAnExchangeReadingASlowBodyEndsItAndItsConnection(Mode mode) throws Exception {
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("late body").withBodyDelay(SLOW_RESPONSE));
    assertAbortEndsTheExchange(mode, Duration.ofSeconds(2), connectionClosedAfterBodyAbort());
  }

  private void assertAbortEndsTheExchange(
      Mode mode, Duration timeout, Optional<Duration> connectionClosedWithin) throws Exception {
    TcpRelay relay = closeLater(TcpRelay.to(simulator.baseUri()));
    HttpTransport transport = transport();
    TransportRequest request = request("GET", relay.uri("http"), "/x").timeout(timeout).build();
    long started;
    if (mode == Mode.SYNC) {
      HttpTransport.Exchange exchange = transport.prepare(request);
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  outcome.complete(new AssertionError("answered: " + exchange.call()));
                } catch (Throwable e) {
                  outcome.complete(e);
                }
              });
      caller.start();
      awaitRequests(1);

      started = System.nanoTime();
      exchange.abort();
      exchange.abort();
      Throwable thrown = outcome.get(30, TimeUnit.SECONDS);

      assertThat(thrown).isInstanceOfAny(IOException.class, InterruptedException.class);
    } else {
      CompletableFuture<TransportResponse> call = transport.executeAsync(request);
      awaitRequests(1);

      started = System.nanoTime();
      assertThat(call.cancel(true)).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ENDED_WELL_BEFORE);
    if (connectionClosedWithin.isPresent()) {
      assertThat(relay.awaitOpenConnectionsAtMost(0, connectionClosedWithin.get()))
          .as("connections still open after the abort: %d", relay.openConnections())
          .isTrue();
    }
    simulator.enqueue(ScriptedResponse.status(200).withBody("next"));
    assertThat(text(send(transport, get("/x").build(), mode))).isEqualTo("next");
  }

  @Test
  void anExchangeAbortedBeforeItsCallFailsAtOnceAndTheTransportStaysUsable() throws Exception {
    HttpTransport transport = transport();
    HttpTransport.Exchange exchange = transport.prepare(get("/x").build());

    exchange.abort();

    assertThatThrownBy(exchange::call).isInstanceOf(IOException.class);
    simulator.enqueue(ScriptedResponse.status(200).withBody("next"));
    assertThat(text(transport.execute(get("/x").build()))).isEqualTo("next");
  }

  @Test
  void anAbortAfterTheCallEndedDoesNothing() throws Exception {
    HttpTransport transport = transport();
    simulator.enqueue(ScriptedResponse.status(200).withBody("done"));
    HttpTransport.Exchange exchange = transport.prepare(get("/x").build());

    assertThat(text(exchange.call())).isEqualTo("done");
    exchange.abort();

    assertThat(Thread.interrupted()).as("the abort interrupted the thread that called").isFalse();
    simulator.enqueue(ScriptedResponse.status(200).withBody("next"));
    assertThat(text(transport.execute(get("/x").build()))).isEqualTo("next");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusedConnectionIsAConnectFailure(Mode mode) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    HttpTransportException error =
        failure(
            transport(),
            request("GET", URI.create("http://127.0.0.1:" + closedPort), "/x").build(),
            mode);

    assertThat(error.kind()).isEqualTo(Kind.CONNECT);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aConnectionDroppedMidBodyIsAnIoFailure(Mode mode) throws Exception {
    simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Pending\"}").cutAfter(5));

    assertThat(failure(transport(), get("/x").build(), mode).kind()).isEqualTo(Kind.IO);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostWhoseConnectionIsDroppedUnansweredFailsAndIsNeverResent(Mode mode) throws Exception {
    HttpTransport transport = transport();
    TransportRequest purge =
        request("POST", simulator.baseUri(), "/v1/files/purge")
            .body("{\"url\":\"https://ik.imagekit.io/a.jpg\"}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(send(transport, purge, mode).statusCode()).isEqualTo(201);
    simulator.enqueue(ScriptedResponse.dropConnection());

    assertThat(failure(transport, purge, mode).kind()).isEqualTo(Kind.IO);
    assertThat(simulator.journal())
        .as("a purge spends quota: the transport must not resend it")
        .hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tlsWithTheTestCertificateWorksWithACustomTrustStoreAndIsRefusedByDefault(Mode mode)
      throws Exception {
    ImageKitSimulator https =
        closeLater(ImageKitSimulator.builder().privateKey(KEY).https().start());
    String id = https.registerPurge("https://ik.imagekit.io/a.jpg");
    TransportRequest request = request("GET", https.baseUri(), "/v1/files/purge/" + id).build();

    HttpTransport trusting =
        transport(TransportOptions.builder().sslContext(SimulatorTls.clientContext()).build());
    TransportResponse response = send(trusting, request, mode);

    assertThat(https.baseUri().getScheme()).isEqualTo("https");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{\"status\":\"Pending\"}");
    assertThat(failure(transport(), request, mode).kind()).isEqualTo(Kind.TLS);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aProxySettingSendsRequestsThroughTheProxy(Mode mode) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String id = simulator.registerPurge("https://ik.imagekit.io/a.jpg");
    URI unreachable = URI.create("http://127.0.0.1:" + closedPort);
    HttpTransport proxied =
        transport(
            TransportOptions.builder()
                .proxy(new InetSocketAddress("127.0.0.1", simulator.port()))
                .build());

    TransportResponse response =
        send(proxied, request("GET", unreachable, "/v1/files/purge/" + id).build(), mode);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(simulator.journal().get(0).requestTarget())
        .as("a request to a proxy names the whole URI")
        .isEqualTo(unreachable + "/v1/files/purge/" + id);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sixtyFourConcurrentCallsAreAllAnsweredEachWithItsOwnResponse(Mode mode) throws Exception {
    int calls = 64;
    Duration delay = Duration.ofMillis(300);
    for (int i = 0; i < calls; i++) {
      simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Pending\"}").withDelay(delay));
    }
    HttpTransport transport = transport();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      paths.add("/v1/files/purge/call" + i);
    }

    long started = System.nanoTime();
    List<TransportResponse> responses = sendAll(transport, paths, mode);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    Map<String, String> pathByIkRequestId =
        simulator.journal().stream()
            .collect(Collectors.toMap(RecordedRequest::ikRequestId, RecordedRequest::path));
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < calls; i++) {
      TransportResponse response = responses.get(i);
      assertThat(response.statusCode()).isEqualTo(200);
      String ikRequestId = response.headers().firstValue("x-ik-requestId").orElseThrow();
      assertThat(pathByIkRequestId.get(ikRequestId))
          .as("the response to call %d", i)
          .isEqualTo(paths.get(i));
      answered.add(ikRequestId);
    }
    assertThat(answered).hasSize(calls);
    assertThat(elapsed).as("calls overlap").isLessThan(delay.multipliedBy(calls / 4));
  }

  private List<TransportResponse> sendAll(HttpTransport transport, List<String> paths, Mode mode)
      throws Exception {
    Function<String, TransportRequest> toRequest = path -> get(path).build();
    List<TransportResponse> responses = new ArrayList<>();
    if (mode == Mode.ASYNC) {
      List<CompletableFuture<TransportResponse>> futures =
          paths.stream().map(path -> transport.executeAsync(toRequest.apply(path))).toList();
      for (CompletableFuture<TransportResponse> future : futures) {
        responses.add(future.get(30, TimeUnit.SECONDS));
      }
      return responses;
    }
    ExecutorService threads = Executors.newFixedThreadPool(paths.size());
    try {
      List<Future<TransportResponse>> futures =
          paths.stream()
              .map(path -> threads.submit(() -> transport.execute(toRequest.apply(path))))
              .toList();
      for (Future<TransportResponse> future : futures) {
        responses.add(future.get(30, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Waits until the simulator has received this many requests. */
  private void awaitRequests(int count) throws InterruptedException {
    assertThat(simulator.awaitRequests(count, Duration.ofSeconds(30)))
        .as("%d requests received", count)
        .isTrue();
  }

  /**
   * An interrupt alone may not reach a library blocked in a socket read: the client's timer watches
   * the caller for it and then aborts the exchange, as this test does. The call ends with the
   * interrupt, and the interrupt is left to the caller.
   */
  @Test
  void interruptingABlockingCallAbortsIt() throws Exception {
    simulator.enqueue(ScriptedResponse.status(200).withBody("late").withDelay(SLOW_RESPONSE));
    HttpTransport transport = transport();
    HttpTransport.Exchange exchange = transport.prepare(get("/x").build());
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.complete(new AssertionError("answered: " + exchange.call()));
              } catch (Throwable e) {
                outcome.complete(e);
              }
            });
    caller.start();
    awaitRequests(1);

    long started = System.nanoTime();
    caller.interrupt();
    exchange.abort();
    Throwable thrown = outcome.get(30, TimeUnit.SECONDS);

    assertThat(thrown).isInstanceOf(InterruptedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ENDED_WELL_BEFORE);
  }

  @Test
  void cancellingAnAsyncCallEndsItAndTheTransportStaysUsable() throws Exception {
    simulator.enqueue(ScriptedResponse.status(200).withBody("late").withDelay(SLOW_RESPONSE));
    HttpTransport transport = transport();
    CompletableFuture<TransportResponse> call = transport.executeAsync(get("/x").build());
    awaitRequests(1);

    assertThat(call.cancel(true)).isTrue();

    assertThat(call.isCancelled()).isTrue();
    simulator.enqueue(ScriptedResponse.status(200).withBody("next"));
    assertThat(text(transport.execute(get("/x").build()))).isEqualTo("next");
  }

  @Test
  void closeReleasesItsConnectionsAndCanBeRepeated() throws Exception {
    Optional<Duration> within = connectionsReleasedAfterClose();
    TcpRelay relay = closeLater(TcpRelay.to(simulator.baseUri()));
    HttpTransport transport = provider().create(TransportOptions.defaults());
    for (int i = 0; i < 5; i++) {
      simulator.enqueue(ScriptedResponse.status(200).withBody("ok " + i));
    }
    List<CompletableFuture<TransportResponse>> concurrent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      concurrent.add(transport.executeAsync(request("GET", relay.uri("http"), "/x").build()));
    }
    for (CompletableFuture<TransportResponse> call : concurrent) {
      assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(transport.execute(request("GET", relay.uri("http"), "/x").build()).statusCode())
          .isEqualTo(200);
    }
    assertThat(relay.totalConnections()).isPositive();

    transport.close();
    transport.close();

    Assumptions.assumeTrue(
        within.isPresent(), provider().name() + " cannot close pooled connections on this JDK");
    assertThat(relay.awaitOpenConnectionsAtMost(0, within.get()))
        .as("connections still open %s after close(): %d", within.get(), relay.openConnections())
        .isTrue();
  }
}
