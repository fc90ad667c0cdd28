package io.github.ikpurge.transport.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import feign.AsyncClient;
import feign.Client;
import feign.Request;
import feign.Response;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.conformance.LogCapture;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What only the Feign transport promises: clients and executors it is given, its threads. */
class FeignHttpTransportTest {

  private static final String KEY = "private_feign_adapter";
  private static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
  private static final String OWN_THREADS = "ikpurge-feign-exchange-";

  private final ImageKitSimulator simulator = ImageKitSimulator.builder().privateKey(KEY).start();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stop() {
    pools.forEach(ExecutorService::shutdownNow);
    simulator.close();
  }

  private TransportRequest get(Duration timeout) {
    return TransportRequest.builder()
        .method("GET")
        .uri(URI.create(simulator.baseUri() + "/v1/files/purge/abc"))
        .headers(
            Headers.builder()
                .add("Authorization", AUTHORIZATION)
                .add("Accept", "application/json")
                .build())
        .timeout(timeout)
        .build();
  }

  private TransportRequest get() {
    return get(Duration.ofSeconds(10));
  }

  private ThreadPoolExecutor pool(String prefix, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, prefix + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pools.add(pool);
    return pool;
  }

  private void enqueueOk(int times, Duration delay) {
    for (int i = 0; i < times; i++) {
      simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Pending\"}").withDelay(delay));
    }
  }

  private static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }

  /**
   * Waits until the threads of transports that earlier tests closed have ended: they end just after
   * the close, and on a busy machine a test that counts this transport's threads may start first.
   */
  private static void earlierTransportsThreadsEnded() throws InterruptedException {
    assertThat(await(() -> liveThreads(OWN_THREADS) == 0, Duration.ofSeconds(30)))
        .as("threads of earlier tests' transports ended")
        .isTrue();
  }

  private static boolean await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static HttpTransportException asyncFailure(CompletableFuture<TransportResponse> call)
      throws Exception {
    ExecutionException failure =
        catchThrowableOfType(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(HttpTransportException.class);
    return (HttpTransportException) failure.getCause();
  }

  /** A real client (Feign's default) that records the threads it runs on and whether it closed. */
  private static final class RecordingClient implements Client, Closeable {
    final Client delegate = new Client.Default(null, null);
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
      threads.add(Thread.currentThread().getName());
      return delegate.execute(request, options);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  /** Feign's own async client over its default client, counting the calls it is handed. */
  private static final class CountingAsyncClient implements AsyncClient<Object> {
    final AsyncClient<Object> delegate;
    final AtomicInteger calls = new AtomicInteger();

    CountingAsyncClient(ExecutorService executor) {
      this.delegate = new AsyncClient.Default<>(new Client.Default(null, null), executor);
    }

    @Override
    public CompletableFuture<Response> execute(
        Request request, Request.Options options, Optional<Object> context) {
      calls.incrementAndGet();
      return delegate.execute(request, options, context);
    }
  }

  /** A client with both faces, as feign-java11's Http2Client has. */
  private static final class DualClient implements Client, AsyncClient<Object> {
    final RecordingClient blocking = new RecordingClient();
    final CountingAsyncClient async;

    DualClient(ExecutorService executor) {
      this.async = new CountingAsyncClient(executor);
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
      return blocking.execute(request, options);
    }

    @Override
    public CompletableFuture<Response> execute(
        Request request, Request.Options options, Optional<Object> context) {
      return async.execute(request, options, context);
    }
  }

  @Test
  void theProviderIsFoundByServiceLoaderAsFeignAtPriority100() {
    List<TransportProvider> found = new ArrayList<>();
    ServiceLoader.load(TransportProvider.class).forEach(found::add);

    assertThat(found).anySatisfy(p -> assertThat(p).isInstanceOf(FeignTransportProvider.class));
    FeignTransportProvider provider = new FeignTransportProvider();
    assertThat(provider.name()).isEqualTo("feign");
    assertThat(provider.priority()).isEqualTo(100);
    assertThat(provider.artifact()).isEqualTo("io.github.ikpurge:ikpurge-transport-feign");
  }

  @Test
  void aClientThePassedInIsUsedForEveryCallAndNeverClosed() throws Exception {
    RecordingClient client = new RecordingClient();
    enqueueOk(2, Duration.ZERO);

    HttpTransport transport = FeignHttpTransport.create(client, TransportOptions.defaults());
    assertThat(transport.execute(get()).statusCode()).isEqualTo(200);
    assertThat(transport.executeAsync(get()).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    transport.close();
    transport.close();

    assertThat(client.threads).hasSize(2);
    assertThat(simulator.journal()).hasSize(2);
    assertThat(client.closed).isFalse();
  }

  @Test
  void aBlockingCallRunsOnTheCallersThread() throws Exception {
    RecordingClient client = new RecordingClient();
    enqueueOk(1, Duration.ZERO);

    try (HttpTransport transport = FeignHttpTransport.create(client, TransportOptions.defaults())) {
      transport.execute(get());
    }

    assertThat(client.threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void asyncCallsOnABlockingClientRunOnTheGivenExecutorWhichIsNotShutDown() throws Exception {
    earlierTransportsThreadsEnded();
    ThreadPoolExecutor pool = pool("user-pool-", 3);
    AtomicInteger tasks = new AtomicInteger();
    Executor counting =
        task -> {
          tasks.incrementAndGet();
          pool.execute(task);
        };
    RecordingClient client = new RecordingClient();
    enqueueOk(3, Duration.ofMillis(100));

    try (HttpTransport transport =
        FeignHttpTransport.create(client, TransportOptions.defaults(), counting)) {
      List<CompletableFuture<TransportResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(transport.executeAsync(get()));
      }
      for (CompletableFuture<TransportResponse> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }

    assertThat(tasks).hasValue(3);
    assertThat(client.threads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("user-"));
    assertThat(pool.isShutdown()).isFalse();
    assertThat(liveThreads(OWN_THREADS)).as("no executor of its own was made").isZero();
  }

  @Test
  void theDefaultClientRunsAsyncCallsOnTheGivenExecutor() throws Exception {
    ThreadPoolExecutor pool = pool("given-pool-", 2);
    enqueueOk(2, Duration.ZERO);

    try (HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults(), pool)) {
      transport.executeAsync(get()).get(10, TimeUnit.SECONDS);
      transport.executeAsync(get()).get(10, TimeUnit.SECONDS);
    }

    // The pool counts a task once it has returned, just after it completed the future.
    assertThat(await(() -> pool.getCompletedTaskCount() == 2, Duration.ofSeconds(30))).isTrue();
    assertThat(pool.isShutdown()).isFalse();
  }

  @Test
  void theOwnExecutorUsesOneThreadPerCallInFlightAndEndsThemOnClose() throws Exception {
    earlierTransportsThreadsEnded();
    int calls = 6;
    // Six answers of 2 s each would take 12 s if executeAsync waited for them one by one.
    enqueueOk(calls, Duration.ofSeconds(2));
    HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults());

    List<CompletableFuture<TransportResponse>> inFlight = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      inFlight.add(transport.executeAsync(get()));
    }
    Duration toStart = Duration.ofNanos(System.nanoTime() - started);

    assertThat(toStart).as("executeAsync returns at once").isLessThan(Duration.ofSeconds(8));
    assertThat(await(() -> liveThreads(OWN_THREADS) == calls, Duration.ofSeconds(30)))
        .as("one thread per call in flight, found %d", liveThreads(OWN_THREADS))
        .isTrue();
    for (CompletableFuture<TransportResponse> call : inFlight) {
      assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(liveThreads(OWN_THREADS)).as("the pool does not grow past the calls").isEqualTo(6);

    transport.close();

    assertThat(await(() -> liveThreads(OWN_THREADS) == 0, Duration.ofSeconds(30)))
        .as("close() ends the idle threads")
        .isTrue();
  }

  @Test
  void anAsyncClientIsUsedForAsyncCallsAndNoThreadOfTheTransportIsParked() throws Exception {
    earlierTransportsThreadsEnded();
    ExecutorService clientThreads = Executors.newCachedThreadPool();
    pools.add(clientThreads);
    DualClient client = new DualClient(clientThreads);
    enqueueOk(2, Duration.ofMillis(200));

    try (HttpTransport transport = FeignHttpTransport.create(client, TransportOptions.defaults())) {
      assertThat(transport.executeAsync(get()).get(10, TimeUnit.SECONDS).statusCode())
          .isEqualTo(200);
      assertThat(liveThreads(OWN_THREADS)).isZero();
      assertThat(transport.execute(get()).statusCode()).isEqualTo(200);
    }

    assertThat(client.async.calls).hasValue(1);
    assertThat(client.blocking.threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void anAsyncClientAloneServesBlockingCallsToo() throws Exception {
    ExecutorService clientThreads = Executors.newCachedThreadPool();
    pools.add(clientThreads);
    CountingAsyncClient async = new CountingAsyncClient(clientThreads);
    enqueueOk(2, Duration.ZERO);

    try (HttpTransport transport = FeignHttpTransport.builder().asyncClient(async).build()) {
      assertThat(transport.execute(get()).statusCode()).isEqualTo(200);
      assertThat(transport.executeAsync(get()).get(10, TimeUnit.SECONDS).statusCode())
          .isEqualTo(200);
    }

    assertThat(async.calls).hasValue(2);
  }

  @Test
  void cancellingAnAsyncCallFreesItsThreadLongBeforeTheTimeoutAndLeavesItUninterrupted()
      throws Exception {
    ThreadPoolExecutor pool = pool("cancel-pool-", 1);
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("late").withDelay(Duration.ofSeconds(120)));

    try (HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults(), pool)) {
      CompletableFuture<TransportResponse> call =
          transport.executeAsync(get(Duration.ofSeconds(60)));
      assertThat(await(() -> pool.getActiveCount() == 1, Duration.ofSeconds(30))).isTrue();
      assertThat(simulator.awaitRequests(1, Duration.ofSeconds(30))).isTrue();

      long started = System.nanoTime();
      assertThat(call.cancel(true)).isTrue();
      assertThat(await(() -> pool.getActiveCount() == 0, Duration.ofSeconds(30))).isTrue();

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("the thread is freed long before the 60 s timeout")
          .isLessThan(Duration.ofSeconds(15));
    }
    assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get(30, TimeUnit.SECONDS))
        .as("the pool's thread is handed back without an interrupt")
        .isFalse();
  }

  /** A client on the transport whose only attempt has 400 ms, on plain http to this machine. */
  private static PurgeClient client(URI baseUri, HttpTransport transport) {
    return PurgeClient.builder()
        .baseUri(baseUri)
        .privateKey(KEY)
        .allowInsecureHttp(true)
        .transport(transport)
        .attemptTimeout(Duration.ofMillis(400))
        .callTimeout(Duration.ofSeconds(30))
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
        .build();
  }

  private static Throwable callFailure(PurgeClient client, boolean async) {
    Throwable thrown =
        catchThrowable(
            () -> {
              if (async) {
                client.async().status("abc").get(30, TimeUnit.SECONDS);
              } else {
                client.status("abc");
              }
            });
    return async && thrown instanceof ExecutionException wrapped ? wrapped.getCause() : thrown;
  }

  /**
   * Transports keep no time: the client's timer cancels an async exchange at the attempt's
   * deadline, which fails the call with the attempt's timeout and frees the exchange's thread.
   */
  @Test
  void anAsyncTimeoutFailsTheCallAtTheDeadlineAndFreesTheThread() throws Exception {
    ThreadPoolExecutor pool = pool("timeout-pool-", 1);
    simulator.enqueue(
        ScriptedResponse.status(200).withBody("late").withDelay(Duration.ofSeconds(60)));

    try (HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults(), pool);
        PurgeClient client = client(simulator.baseUri(), transport)) {
      long started = System.nanoTime();
      Throwable failure = callFailure(client, true);
      Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure).isInstanceOf(ImageKitTimeoutException.class);
      assertThat(((ImageKitTimeoutException) failure).scope())
          .isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT);
      assertThat(failedAfter).isBetween(Duration.ofMillis(350), Duration.ofSeconds(15));
      assertThat(await(() -> pool.getActiveCount() == 0, Duration.ofSeconds(30))).isTrue();
    }
  }

  /**
   * A body trickling in never trips the socket read timeout; the client's abort at the attempt's
   * deadline ends it.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aBodyTricklingPastTheDeadlineTimesOut(boolean async) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults());
        PurgeClient client =
            client(URI.create("http://127.0.0.1:" + server.getLocalPort()), transport)) {
      Thread trickler = new Thread(() -> trickle(server), "trickler");
      trickler.setDaemon(true);
      trickler.start();

      long started = System.nanoTime();
      Throwable failure = callFailure(client, async);

      assertThat(failure).isInstanceOf(ImageKitTimeoutException.class);
      assertThat(((ImageKitTimeoutException) failure).scope())
          .isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT);
      // The whole body would take 50 s to trickle in.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }
  }

  /** Answers with a 1000-byte body, one byte every 50 ms. */
  private static void trickle(ServerSocket server) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      int matched = 0;
      byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 1000; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(50);
      }
    } catch (IOException | InterruptedException e) {
      // The client gave up, as it should.
    }
  }

  @Test
  void feignLogsEachExchangeThroughSlf4jWithoutAnyHeader() throws Exception {
    simulator.enqueue(ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));
    String text;
    try (LogCapture logs = LogCapture.start();
        HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults())) {
      transport.execute(get());
      text = logs.text();
    }

    assertThat(text)
        .contains(
            "[FeignHttpTransport#GET] ---> GET " + simulator.baseUri() + "/v1/files/purge/abc")
        .contains("[FeignHttpTransport#GET] <--- HTTP/1.1 200")
        .doesNotContain(AUTHORIZATION.substring("Basic ".length()))
        .doesNotContain(KEY);
  }

  @Test
  void aGetWithABodyIsRefusedRatherThanSentAsAPost() throws Exception {
    TransportRequest getWithBody =
        TransportRequest.builder()
            .method("GET")
            .uri(URI.create(simulator.baseUri() + "/v1/files/purge/abc"))
            .body("{}".getBytes(StandardCharsets.UTF_8))
            .build();

    try (HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults())) {
      HttpTransportException failure =
          catchThrowableOfType(HttpTransportException.class, () -> transport.execute(getWithBody));
      assertThat(failure.kind()).isEqualTo(Kind.IO);
    }
    assertThat(simulator.journal()).isEmpty();
  }

  @Test
  void aClosedTransportRefusesCalls() throws Exception {
    HttpTransport transport = FeignHttpTransport.create(TransportOptions.defaults());
    transport.close();

    assertThat(
            catchThrowableOfType(HttpTransportException.class, () -> transport.execute(get()))
                .kind())
        .isEqualTo(Kind.IO);
    assertThat(asyncFailure(transport.executeAsync(get())).kind()).isEqualTo(Kind.IO);
    assertThat(transport.toString()).contains("closed=true");
  }
}
