package io.github.ikpurge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.SimulatorTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every transport does against the simulator running in a container, across a real network
 * with real faults: the container paused mid-call, stopped, restarted on the same port, serving
 * TLS, and rate-limiting many concurrent calls. A transport's test extends this class and
 * implements {@link #provider()}; nothing else changes.
 *
 * <p>One simulator container serves a class's tests (its journal reset before each); the TLS and
 * rate-limit tests start their own. Every container is removed at the end, also after a failure.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TransportContainerTest {

  private static final String KEY = "private_integration_Zm9vYmFy";
  private static final String FILE = "https://ik.imagekit.io/demo/integration.jpg";
  private static final String UNKNOWN_ID = "0123456789abcdef01234567";
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);

  private SimulatorContainer simulator;
  private SimulatorControlClient control;
  private final List<AutoCloseable> perTest = new ArrayList<>();
  private PurgeClient client;

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /**
   * Returns whether the transport keeps the body of a 401 that answers a request with a body (a
   * purge). True unless the transport documents otherwise; the status and type must be right either
   * way.
   */
  protected boolean keepsTheBodyOfA401ToAPurge() {
    return true;
  }

  @BeforeAll
  void startSimulator() {
    simulator = new SimulatorContainer(KEY).withFixedHostPorts();
    simulator.start();
    control = simulator.control();
  }

  @AfterAll
  void removeSimulator() {
    if (simulator != null) {
      simulator.stop();
    }
  }

  @BeforeEach
  void resetSimulatorAndBuildClient() {
    control.reset();
    client = client(simulator, TransportOptions.defaults(), clientBuilder -> clientBuilder);
  }

  @AfterEach
  void closeClients() throws Exception {
    Exception failure = null;
    for (int i = perTest.size() - 1; i >= 0; i--) {
      try {
        perTest.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    perTest.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Returns a client of the transport under test aimed at a simulator: short timeouts, quick
   * retries and polls, closed after the test.
   */
  private PurgeClient client(
      SimulatorContainer target,
      TransportOptions options,
      UnaryOperator<PurgeClient.Builder> adjust) {
    HttpTransport transport =
        provider().create(options.toBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    perTest.add(transport);
    PurgeClient.Builder builder =
        PurgeClient.builder()
            .baseUri(target.baseUri())
            .privateKey(KEY)
            .transport(transport)
            .attemptTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(10))
            .retryPolicy(
                RetryPolicy.builder()
                    .baseDelay(Duration.ofMillis(10))
                    .maxDelay(Duration.ofMillis(50))
                    .build())
            .pollPolicy(
                PollPolicy.builder()
                    .initialDelay(Duration.ofMillis(50))
                    .maxDelay(Duration.ofMillis(200))
                    .maxWait(Duration.ofSeconds(10))
                    .build());
    PurgeClient built = adjust.apply(builder).build();
    perTest.add(built);
    return built;
  }

  @Test
  void aPurgeIsFollowedToCompletedOverTheNetwork() {
    String id = client.purge(FILE).requestId().value();
    List<PollEvent> polls = new CopyOnWriteArrayList<>();

    PurgeStatusResult done = client.awaitCompletion(id, Duration.ofSeconds(10), polls::add);

    assertThat(done.status()).isEqualTo(PurgeCacheStatus.COMPLETED);
    assertThat(done.requestId().value()).isEqualTo(id);
    assertThat(done.metadata().ikRequestId()).isPresent();
    assertThat(polls)
        .extracting(PollEvent::status)
        .containsExactly(
            PurgeCacheStatus.PENDING, PurgeCacheStatus.PENDING, PurgeCacheStatus.COMPLETED);
    assertThat(control.journal()).isEqualTo(new SimulatorControlClient.Journal(1, 3, 0, 0, 0));
  }

  @Test
  void theAsyncPurgeAndAwaitCompletesOverTheNetwork() throws Exception {
    PurgeStatusResult done =
        client.async().purgeAndAwait(FILE, Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);

    assertThat(done.status().isCompleted()).isTrue();
    assertThat(control.journal().purge()).isEqualTo(1);
    assertThat(control.journal().status()).isEqualTo(3);
  }

  @Test
  void anUnknownRequestIdIsABadRequestAnsweredByTheSimulatorItself() {
    BadRequestException error =
        catchThrowableOfType(BadRequestException.class, () -> client.status(UNKNOWN_ID));

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.apiMessage()).contains("No request found for this requestId.");
    assertThat(error.ikRequestId()).isPresent();
    assertThat(control.journal().status()).isEqualTo(1);
  }

  @Test
  void aKeyTheSimulatorDoesNotKnowIsForbidden() {
    PurgeClient stranger =
        client(
            simulator,
            TransportOptions.defaults(),
            builder -> builder.privateKey("private_someone_else"));

    ForbiddenException error =
        catchThrowableOfType(ForbiddenException.class, () -> stranger.purge(FILE));

    assertThat(error.statusCode()).isEqualTo(403);
    assertThat(error.apiMessage()).contains("Your account cannot be authenticated.");
    assertThat(control.journal().purge()).isEqualTo(1);
  }

  static Stream<Arguments> errorStatuses() {
    return Stream.of(
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(418, UnknownException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(502, InternalServerException.class),
        Arguments.of(503, InternalServerException.class),
        Arguments.of(504, InternalServerException.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("errorStatuses")
  void anErrorStatusOfAPurgeBecomesItsTypedExceptionAndIsNotRetried(
      int status, Class<? extends ApiException> type) {
    control.enqueueError(Endpoint.PURGE, status, "Scripted " + status + ".", "Scripted help.");

    ApiException error = catchThrowableOfType(type, () -> client.purge(FILE));

    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(control.journal()).isEqualTo(new SimulatorControlClient.Journal(1, 0, 0, 0, 0));
    if (status != 401 || keepsTheBodyOfA401ToAPurge()) {
      assertThat(error.apiMessage()).contains("Scripted " + status + ".");
      assertThat(error.help()).contains("Scripted help.");
      assertThat(error.rawBody()).contains("Scripted " + status + ".");
      assertThat(error.ikRequestId()).isPresent();
    }
  }

  /** A limiter that never holds a request and learns nothing. */
  private static final RateLimiter UNPACED =
      new RateLimiter() {
        @Override
        public Duration reserve(Duration maxWait) {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(RateLimit limit) {}
      };

  @Test
  void a429AskingForMoreThanTheDeadlineIsThrownAtOnceWithItsRateLimit() {
    control.enqueueError(
        Endpoint.PURGE,
        429,
        "Too many requests.",
        "Slow down.",
        Map.of(
            "X-RateLimit-Limit", "10",
            "X-RateLimit-Reset", "60000",
            "X-RateLimit-Interval", "60000"));
    // Its own limiter: a minute's hold in the account's shared one would hold every later test
    // on this container, which shares the key and the address. Sharing has tests of its own.
    PurgeClient alone = client(simulator, TransportOptions.defaults(), b -> b.rateLimiter(UNPACED));
    long started = System.nanoTime();

    TooManyRequestsException error =
        catchThrowableOfType(TooManyRequestsException.class, () -> alone.purge(FILE));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.rateLimit().limit()).hasValue(10);
    assertThat(error.rateLimit().requestedWait()).contains(Duration.ofSeconds(60));
    assertThat(control.journal().purge()).isEqualTo(1);
  }

  @Test
  void aStatusQueryIsRetriedAfterA503AndThenAnswered() {
    String id = client.purge(FILE).requestId().value();
    control.enqueueError(Endpoint.STATUS, 503, "Service unavailable.", null);

    PurgeStatusResult status = client.status(id);

    assertThat(status.status()).isEqualTo(PurgeCacheStatus.PENDING);
    assertThat(control.journal().status()).isEqualTo(2);
  }

  @Test
  void httpsWithTheTestCertificateWorksWhenTrustedAndFailsWithReasonTlsOtherwise() {
    try (SimulatorContainer secure = new SimulatorContainer(KEY).withHttps()) {
      secure.start();
      PurgeClient trusting =
          client(
              secure,
              TransportOptions.builder().sslContext(SimulatorTls.clientContext()).build(),
              builder -> builder);
      PurgeClient untrusting = client(secure, TransportOptions.defaults(), builder -> builder);

      PurgeStatusResult done = trusting.purgeAndAwait(FILE, Duration.ofSeconds(10));
      ConnectionException refused =
          catchThrowableOfType(ConnectionException.class, () -> untrusting.purge(FILE));

      assertThat(secure.baseUri().getScheme()).isEqualTo("https");
      assertThat(done.status().isCompleted()).isTrue();
      assertThat(refused.reason()).isEqualTo(ConnectionException.Reason.TLS);
      assertThat(secure.control().journal().purge()).isEqualTo(1);
    }
  }

  @Test
  void anAttemptCutOffByAPauseTimesOutAndTheRetrySucceedsAfterTheUnpause() throws Exception {
    PurgeClient patient =
        client(simulator, TransportOptions.defaults(), b -> b.attemptTimeout(ATTEMPT_TIMEOUT));
    String id = patient.purge(FILE).requestId().value();
    // The first answer is held long enough for the pause to catch the call in flight, but less
    // than the attempt timeout: without the pause, the first attempt would succeed.
    control.enqueueDelayedJson(
        Endpoint.STATUS, 200, "{\"status\":\"Pending\"}", Duration.ofMillis(1200));
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      long started = System.nanoTime();
      Future<PurgeStatusResult> call = caller.submit(() -> patient.status(id));
      SimulatorControlClient.awaitTrue(
          () -> control.journal().status() == 1, Duration.ofSeconds(5), "the status request");
      simulator.pause();
      try {
        sleepUntil(started, ATTEMPT_TIMEOUT.plusMillis(250));
      } finally {
        simulator.unpause();
      }

      PurgeStatusResult status = call.get(10, TimeUnit.SECONDS);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(ATTEMPT_TIMEOUT);
      assertThat(status.status()).isEqualTo(PurgeCacheStatus.PENDING);
      assertThat(control.journal().status()).isEqualTo(2);
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void aPauseLongerThanTheCallTimeoutFailsTheCallAtItsDeadline() {
    Duration callTimeout = Duration.ofMillis(2500);
    PurgeClient bounded =
        client(
            simulator,
            TransportOptions.defaults(),
            b ->
                b.attemptTimeout(ATTEMPT_TIMEOUT)
                    .callTimeout(callTimeout)
                    .retryPolicy(
                        RetryPolicy.builder()
                            .maxAttempts(10)
                            .baseDelay(Duration.ofMillis(10))
                            .maxDelay(Duration.ofMillis(50))
                            .build()));
    String id = bounded.purge(FILE).requestId().value();
    ImageKitTimeoutException timeout;
    long elapsed;
    simulator.pause();
    try {
      long started = System.nanoTime();
      timeout = catchThrowableOfType(ImageKitTimeoutException.class, () -> bounded.status(id));
      elapsed = System.nanoTime() - started;
    } finally {
      simulator.unpause();
    }

    assertThat(timeout.scope()).isEqualTo(ImageKitTimeoutException.Scope.CALL);
    assertThat(timeout.limit()).isEqualTo(callTimeout);
    assertThat(Duration.ofNanos(elapsed))
        .isBetween(callTimeout.minusMillis(100), callTimeout.plusSeconds(2));
    assertThat(bounded.status(id).requestId().value()).isEqualTo(id);
  }

  @Test
  void aPurgeCutOffByAPauseTimesOutOnceAndIsNotRetried() {
    PurgeClient patient =
        client(simulator, TransportOptions.defaults(), b -> b.attemptTimeout(ATTEMPT_TIMEOUT));
    ImageKitTimeoutException timeout;
    simulator.pause();
    try {
      timeout = catchThrowableOfType(ImageKitTimeoutException.class, () -> patient.purge(FILE));
    } finally {
      simulator.unpause();
    }
    // The frozen request may still reach the simulator after the unpause; give it the time to.
    sleepUntil(System.nanoTime(), Duration.ofMillis(300));

    assertThat(timeout.scope()).isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT);
    assertThat(control.journal().purge()).isLessThanOrEqualTo(1);
    assertThat(patient.purge(FILE).requestId().value()).hasSize(24);
  }

  @Test
  void aStoppedSimulatorRefusesConnectionsAndARestartOnTheSamePortServesTheNextCall() {
    String id = client.purge(FILE).requestId().value();
    assertThat(client.status(id).status()).isEqualTo(PurgeCacheStatus.PENDING);
    ConnectionException statusRefused;
    ConnectionException purgeRefused;
    simulator.stopInPlace();
    try {
      statusRefused = catchThrowableOfType(ConnectionException.class, () -> client.status(id));
      purgeRefused = catchThrowableOfType(ConnectionException.class, () -> client.purge(FILE));
    } finally {
      simulator.startInPlace();
    }

    PurgeStatusResult done = client.purgeAndAwait(FILE, Duration.ofSeconds(10));

    assertThat(statusRefused.reason()).isEqualTo(ConnectionException.Reason.CONNECT);
    assertThat(purgeRefused.reason()).isEqualTo(ConnectionException.Reason.CONNECT);
    assertThat(done.status().isCompleted()).isTrue();
    assertThat(control.journal().purge()).isEqualTo(1);
  }

  @Test
  void afterARestartThePoolLeavesItsStaleConnectionsAndPurgesSucceed() throws Exception {
    // Several calls at once leave several connections in the pool.
    List<CompletableFuture<?>> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(client.async().purge(FILE));
    }
    CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    simulator.stopInPlace();
    simulator.startInPlace();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(client.purge(FILE).requestId().value());
    }

    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(24));
    assertThat(client.status(ids.get(0)).status()).isEqualTo(PurgeCacheStatus.PENDING);
    assertThat(control.journal().purge()).isEqualTo(4);
  }

  @Test
  void manyConcurrentCallsUnderARateLimitAllFinishWithinTheirDeadline() throws Exception {
    int calls = 24;
    Duration callTimeout = Duration.ofSeconds(15);
    try (SimulatorContainer limited =
        new SimulatorContainer(KEY).withRateLimit(6, Duration.ofMillis(250))) {
      limited.start();
      PurgeClient polite =
          client(
              limited,
              TransportOptions.defaults(),
              b ->
                  b.callTimeout(callTimeout)
                      .retryPolicy(
                          RetryPolicy.builder()
                              .maxAttempts(20)
                              .baseDelay(Duration.ofMillis(20))
                              .maxDelay(Duration.ofMillis(200))
                              .build()));
      ExecutorService callers = Executors.newFixedThreadPool(12);
      try {
        List<Future<Duration>> durations = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          durations.add(
              callers.submit(
                  () -> {
                    long started = System.nanoTime();
                    polite.purge(FILE);
                    return Duration.ofNanos(System.nanoTime() - started);
                  }));
        }
        List<Duration> took = new ArrayList<>();
        for (Future<Duration> duration : durations) {
          took.add(duration.get(30, TimeUnit.SECONDS));
        }

        SimulatorControlClient.Journal journal = limited.control().journal();
        assertThat(took).hasSize(calls).allSatisfy(d -> assertThat(d).isLessThan(callTimeout));
        assertThat(journal.rateLimited()).isPositive();
        assertThat(journal.purge()).isEqualTo(calls + journal.rateLimited());
      } finally {
        callers.shutdownNow();
      }
    }
  }

  private static void sleepUntil(long startedNanos, Duration after) {
    long wait = startedNanos + after.toNanos() - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
