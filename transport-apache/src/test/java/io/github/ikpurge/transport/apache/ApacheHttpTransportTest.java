package io.github.ikpurge.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ikpurge.conformance.LogCapture;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import io.github.ikpurge.transport.apache.ApacheHttpTransport.PoolUsage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the shared suites cannot see: pool bookkeeping, ownership, logging, discovery. */
class ApacheHttpTransportTest {

  private static final String KEY = "private_apache_transport_test";
  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));

  enum Mode {
    SYNC,
    ASYNC
  }

  private final ImageKitSimulator simulator = ImageKitSimulator.builder().privateKey(KEY).start();
  private final ApacheHttpTransport transport =
      ApacheHttpTransport.create(TransportOptions.defaults());

  @AfterEach
  void closeEverything() {
    transport.close();
    simulator.close();
  }

  private TransportRequest.Builder get(String path) {
    return TransportRequest.builder()
        .method("GET")
        .uri(URI.create(simulator.baseUri() + path))
        .headers(Headers.builder().add("Authorization", AUTHORIZATION).build())
        .timeout(Duration.ofSeconds(10));
  }

  private static TransportResponse send(
      ApacheHttpTransport transport, TransportRequest request, Mode mode)
      throws IOException, InterruptedException {
    if (mode == Mode.SYNC) {
      return transport.execute(request);
    }
    try {
      return transport.executeAsync(request).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (IOException) e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }

  private static HttpTransportException failure(
      ApacheHttpTransport transport, TransportRequest request, Mode mode) {
    Throwable thrown = catchThrowable(() -> send(transport, request, mode));
    assertThat(thrown).isInstanceOf(HttpTransportException.class);
    return (HttpTransportException) thrown;
  }

  private Supplier<PoolUsage> pool(Mode mode) {
    return mode == Mode.SYNC
        ? () -> transport.classicPoolUsage().orElseThrow()
        : () -> transport.asyncPoolUsage().orElseThrow();
  }

  /**
   * Waits for the async pool, which HttpClient's I/O thread updates just after the future is
   * completed (up to 30 seconds, for a loaded machine; far less than the slow responses here take);
   * the blocking path must be settled when the call returns.
   */
  private static PoolUsage settled(Supplier<PoolUsage> pool, Mode mode, Predicate<PoolUsage> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(mode == Mode.SYNC ? 0 : 30);
    PoolUsage usage = pool.get();
    while (!done.test(usage) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      usage = pool.get();
    }
    return usage;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aConnectionIsReusedAndNeverLeftLeasedAfterErrorStatuses(Mode mode) throws Exception {
    for (int status : new int[] {200, 302, 404, 429, 500, 503}) {
      simulator.enqueue(ScriptedResponse.error(status, "status " + status, null));

      assertThat(send(transport, get("/x").build(), mode).statusCode()).isEqualTo(status);

      PoolUsage usage = settled(pool(mode), mode, u -> u.leased() == 0 && u.available() == 1);
      assertThat(usage.leased()).as("leased after HTTP %d", status).isZero();
      assertThat(usage.available()).as("pooled after HTTP %d", status).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOversizedBodyDiscardsItsConnectionWhetherItsLengthIsDeclaredOrNot(Mode mode)
      throws Exception {
    TransportRequest small = get("/x").maxResponseBytes(100).build();
    byte[] big = new byte[64 * 1024];

    simulator.enqueue(ScriptedResponse.status(200).withBody(big));
    assertThat(failure(transport, small, mode).kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);
    PoolUsage declared = settled(pool(mode), mode, u -> u.leased() == 0 && u.available() == 0);

    simulator.enqueue(ScriptedResponse.status(200).withBody(big).withChunkedEncoding());
    assertThat(failure(transport, small, mode).kind()).isEqualTo(Kind.RESPONSE_TOO_LARGE);
    PoolUsage counted = settled(pool(mode), mode, u -> u.leased() == 0 && u.available() == 0);

    assertThat(declared.leased()).isZero();
    assertThat(declared.available()).as("a connection with unread bytes is not pooled").isZero();
    assertThat(counted.leased()).isZero();
    assertThat(counted.available()).as("a connection with unread bytes is not pooled").isZero();
    simulator.enqueue(ScriptedResponse.status(200).withBody("next"));
    assertThat(send(transport, small, mode).body()).asString().isEqualTo("next");
  }

  /**
   * The client's timer aborts an exchange at its deadline: that ends it and frees its connection.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anAbortEndsTheExchangeAndLeavesNoConnectionLeased(Mode mode) throws Exception {
    int requests = 0;
    for (ScriptedResponse slow :
        List.of(
            ScriptedResponse.status(200).withBody("late").withDelay(Duration.ofSeconds(60)),
            ScriptedResponse.status(200).withBody("late").withBodyDelay(Duration.ofSeconds(60)))) {
      // A pooled connection first: HttpClient's own cancellation misses exchanges on those.
      simulator.enqueue(ScriptedResponse.status(200).withBody("quick"));
      send(transport, get("/x").build(), mode);
      // The future may complete before the I/O thread has put the connection back in the pool;
      // the slow exchange would then open a second one, and the first would stay pooled.
      settled(pool(mode), mode, u -> u.leased() == 0 && u.available() == 1);
      simulator.enqueue(slow);
      requests += 2;

      Throwable thrown;
      if (mode == Mode.SYNC) {
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
        assertThat(simulator.awaitRequests(requests, Duration.ofSeconds(30))).isTrue();
        exchange.abort();
        thrown = outcome.get(30, TimeUnit.SECONDS);
      } else {
        CompletableFuture<TransportResponse> call = transport.executeAsync(get("/x").build());
        assertThat(simulator.awaitRequests(requests, Duration.ofSeconds(30))).isTrue();
        assertThat(call.cancel(true)).isTrue();
        thrown = catchThrowable(call::join);
      }

      assertThat(thrown).isInstanceOfAny(IOException.class, CancellationException.class);
      PoolUsage usage = settled(pool(mode), mode, u -> u.leased() == 0);
      assertThat(usage.leased()).as("leased after %s", slow).isZero();
      assertThat(usage.available()).as("pooled after %s", slow).isZero();
    }
  }

  @ParameterizedTest(name = "pooled connection: {0}")
  @ValueSource(booleans = {false, true})
  void aCancelledAsyncCallEndsTheExchangeAndLeavesNoConnectionLeased(boolean pooled)
      throws Exception {
    if (pooled) {
      simulator.enqueue(ScriptedResponse.status(200).withBody("quick"));
      send(transport, get("/x").build(), Mode.ASYNC);
      // The future may complete before the I/O thread has put the connection back in the pool.
      settled(pool(Mode.ASYNC), Mode.ASYNC, u -> u.leased() == 0 && u.available() == 1);
    }
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("late").withDelay(Duration.ofSeconds(60)));
    CompletableFuture<TransportResponse> call = transport.executeAsync(get("/x").build());
    assertThat(simulator.awaitRequests(pooled ? 2 : 1, Duration.ofSeconds(30))).isTrue();
    assertThat(transport.asyncPoolUsage().orElseThrow().leased())
        .as("leased while in flight")
        .isEqualTo(1);

    call.cancel(true);

    PoolUsage usage = settled(pool(Mode.ASYNC), Mode.ASYNC, u -> u.leased() == 0);
    assertThat(usage.leased()).isZero();
    assertThat(usage.available()).as("the aborted exchange's connection is not pooled").isZero();
  }

  /**
   * An interrupt does not reach a blocked socket read: the client's timer watches for it and aborts
   * the exchange, as this test does.
   */
  @Test
  void anInterruptedBlockingCallLeavesNoConnectionLeased() throws Exception {
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("late").withDelay(Duration.ofSeconds(60)));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    HttpTransport.Exchange exchange = transport.prepare(get("/x").build());
    Thread caller =
        new Thread(
            () -> {
              try {
                exchange.call();
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    caller.start();
    assertThat(simulator.awaitRequests(1, Duration.ofSeconds(30))).isTrue();

    caller.interrupt();
    exchange.abort();
    caller.join(30_000);
    // Read once both call() and abort() have returned, as the client does: the caller's read
    // fails as soon as the socket is closed, before the cancel has handed the connection back.
    PoolUsage afterwards = transport.classicPoolUsage().orElseThrow();

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(afterwards.leased()).isZero();
    assertThat(afterwards.available()).isZero();
  }

  @Test
  void closeReleasesBothPoolsAndCanBeRepeated() throws Exception {
    for (Mode mode : Mode.values()) {
      simulator.enqueue(ScriptedResponse.status(200).withBody("ok"));
      send(transport, get("/x").build(), mode);
    }
    assertThat(transport.classicPoolUsage().orElseThrow().available()).isEqualTo(1);
    assertThat(settled(pool(Mode.ASYNC), Mode.ASYNC, u -> u.available() == 1).available())
        .isEqualTo(1);

    long started = System.nanoTime();
    transport.close();
    transport.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(transport.classicPoolUsage().orElseThrow())
        .isEqualTo(new PoolUsage(0, 0, 0, TransportOptions.DEFAULT_MAX_CONNECTIONS));
    assertThat(transport.asyncPoolUsage().orElseThrow())
        .isEqualTo(new PoolUsage(0, 0, 0, TransportOptions.DEFAULT_MAX_CONNECTIONS));
    assertThatThrownBy(() -> transport.execute(get("/x").build()))
        .isInstanceOfSatisfying(
            HttpTransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IO))
        .hasMessageContaining("closed");
    assertThat(transport.executeAsync(get("/x").build())).isCompletedExceptionally();
  }

  @Test
  void theCallersClientsAreUsedButNotClosed() throws Exception {
    CloseableHttpClient classic = HttpClients.createDefault();
    CloseableHttpAsyncClient async = HttpAsyncClients.createDefault();
    try {
      ApacheHttpTransport borrowing = ApacheHttpTransport.create(classic, async);
      for (Mode mode : Mode.values()) {
        simulator.enqueue(ScriptedResponse.status(200).withBody("borrowed"));
        assertThat(send(borrowing, get("/x").build(), mode).body())
            .asString()
            .isEqualTo("borrowed");
      }
      assertThat(borrowing.classicPoolUsage()).isEmpty();
      assertThat(borrowing.asyncPoolUsage()).isEmpty();

      borrowing.close();

      assertThat(async.getStatus()).isEqualTo(IOReactorStatus.ACTIVE);
      int status =
          classic.execute(new HttpGet(simulator.baseUri() + "/x"), response -> response.getCode());
      assertThat(status).as("the classic client still works").isEqualTo(401);
      assertThatThrownBy(() -> borrowing.execute(get("/x").build())).hasMessageContaining("closed");
    } finally {
      classic.close(CloseMode.IMMEDIATE);
      async.close(CloseMode.IMMEDIATE);
    }
  }

  /**
   * The caller's clients write HttpClient's wire log, private key and all, when its logger is at
   * debug level; the transport cannot stop that, so it warns, naming the logger (once per JVM: no
   * other test here turns the wire log on).
   */
  @Test
  void theCallersClientsWithTheWireLogOnGetAWarning() throws Exception {
    CloseableHttpClient classic = HttpClients.createDefault();
    CloseableHttpAsyncClient async = HttpAsyncClients.createDefault();
    try (LogCapture capture = LogCapture.start()) {
      ApacheHttpTransport.create(classic, async).close();
      ApacheHttpTransport.create(classic, async).close();

      assertThat(capture.lines())
          .filteredOn(line -> line.startsWith("WARNING io.github.ikpurge.transport.apache"))
          .singleElement()
          .asString()
          .contains("org.apache.hc.client5.http.wire")
          .contains("private key");
    } finally {
      classic.close(CloseMode.IMMEDIATE);
      async.close(CloseMode.IMMEDIATE);
    }
  }

  @Test
  void borrowedClientsComeInPairs() {
    CloseableHttpClient classic = HttpClients.createDefault();
    CloseableHttpAsyncClient async = HttpAsyncClients.createDefault();
    try {
      assertThatThrownBy(() -> ApacheHttpTransport.create(classic, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("async");
      assertThatThrownBy(() -> ApacheHttpTransport.create(null, async))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("classic");
    } finally {
      classic.close(CloseMode.IMMEDIATE);
      async.close(CloseMode.IMMEDIATE);
    }
  }

  @Test
  void thePoolSizeIsTheMaximumInTotal() {
    try (ApacheHttpTransport small =
        ApacheHttpTransport.create(TransportOptions.builder().maxConnections(3).build())) {
      assertThat(small.classicPoolUsage().orElseThrow().max()).isEqualTo(3);
      assertThat(small.asyncPoolUsage().orElseThrow().max()).isEqualTo(3);
    }
  }

  @Test
  void asyncResultsAreNotDeliveredOnHttpClientIoThreads() throws Exception {
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("ok").withDelay(Duration.ofMillis(200)));
    CompletableFuture<String> thread =
        transport
            .executeAsync(get("/x").build())
            .thenApply(response -> Thread.currentThread().getName());

    assertThat(thread.get(30, TimeUnit.SECONDS)).doesNotStartWith("ikpurge-apache-io");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noHeaderValueReachesAnyLogEvenWithHttpClientsWireAndHeaderLogsOn(Mode mode)
      throws Exception {
    String secret = "x-secret-value-4711";
    TransportRequest request =
        TransportRequest.builder()
            .method("POST")
            .uri(URI.create(simulator.baseUri() + "/v1/files/purge"))
            .headers(
                Headers.builder()
                    .add("Authorization", AUTHORIZATION)
                    .add("X-Api-Token", secret)
                    .add("Content-Type", "application/json")
                    .build())
            .body("{\"url\":\"https://ik.imagekit.io/a.jpg\"}".getBytes(StandardCharsets.UTF_8))
            .build();
    String logs;
    try (LogCapture capture = LogCapture.start()) {
      assertThat(send(transport, request, mode).statusCode()).isEqualTo(201);
      logs = capture.text();
    }

    assertThat(logs)
        .as("HttpClient's header log ran, with values redacted")
        .contains("org.apache.hc.client5.http.headers")
        .contains("Authorization: <redacted>")
        .doesNotContain(AUTHORIZATION)
        .doesNotContain(AUTHORIZATION.substring("Basic ".length()))
        .doesNotContain(secret);
  }

  @Test
  void theProviderIsFoundWithItsNamePriorityAndArtifact() {
    TransportProvider provider =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("apache"))
            .findFirst()
            .orElseThrow();

    assertThat(provider).isInstanceOf(ApacheTransportProvider.class);
    assertThat(provider.priority()).isEqualTo(300);
    assertThat(provider.artifact()).isEqualTo("io.github.ikpurge:ikpurge-transport-apache");
    try (var created = provider.create(TransportOptions.defaults())) {
      assertThat(created).isInstanceOf(ApacheHttpTransport.class);
      assertThat(created.name()).isEqualTo("apache");
    }
  }
}
