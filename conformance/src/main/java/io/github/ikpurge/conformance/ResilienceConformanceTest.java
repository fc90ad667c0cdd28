package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.Fault;
import io.github.ikpurge.testkit.FaultMix;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client on a transport under faults: for every fault the outcome is a success after retries or
 * the documented typed exception, within the deadline, with no connection or thread left behind;
 * and a bounded soak with a seeded mix of faults. A transport module extends this class and
 * implements {@link #provider()}.
 */
public abstract class ResilienceConformanceTest {

  private static final String KEY = "private_resilience";
  private static final String FILE = "https://ik.imagekit.io/demo/sample.jpg";
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

  /** The exceptions a call may end with under faults; anything else is a defect. */
  private static final Set<Class<? extends ImageKitException>> DOCUMENTED =
      Set.of(
          InternalServerException.class,
          TooManyRequestsException.class,
          ConnectionException.class,
          ImageKitTimeoutException.class,
          MalformedResponseException.class,
          ResponseTooLargeException.class);

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  /** What a faulted call must come to. */
  private enum Outcome {
    SUCCESS(null),
    SERVER_ERROR(InternalServerException.class),
    TIMEOUT(ImageKitTimeoutException.class),
    CONNECTION(ConnectionException.class),
    MALFORMED(MalformedResponseException.class),
    TOO_LARGE(ResponseTooLargeException.class);

    final Class<? extends ImageKitException> type;

    Outcome(Class<? extends ImageKitException> type) {
      this.type = type;
    }
  }

  private static final Map<Fault, Outcome> STATUS_OUTCOMES = new EnumMap<>(Fault.class);
  private static final Map<Fault, Outcome> PURGE_OUTCOMES = new EnumMap<>(Fault.class);

  static {
    // A status query is idempotent: everything transient is retried away.
    for (Fault fault : Fault.values()) {
      STATUS_OUTCOMES.put(fault, Outcome.SUCCESS);
    }
    STATUS_OUTCOMES.put(Fault.TRUNCATED_JSON, Outcome.MALFORMED);
    STATUS_OUTCOMES.put(Fault.OVERSIZED_BODY, Outcome.TOO_LARGE);
    // A purge spends quota: only a 429 (surely not processed) is retried.
    PURGE_OUTCOMES.put(Fault.SERVER_ERROR, Outcome.SERVER_ERROR);
    PURGE_OUTCOMES.put(Fault.BURST_OF_503, Outcome.SERVER_ERROR);
    PURGE_OUTCOMES.put(Fault.BAD_GATEWAY_HTML, Outcome.SERVER_ERROR);
    PURGE_OUTCOMES.put(Fault.RATE_LIMITED, Outcome.SUCCESS);
    PURGE_OUTCOMES.put(Fault.SLOW_HEADERS, Outcome.TIMEOUT);
    PURGE_OUTCOMES.put(Fault.SLOW_BODY, Outcome.TIMEOUT);
    PURGE_OUTCOMES.put(Fault.DROPPED_CONNECTION, Outcome.CONNECTION);
    PURGE_OUTCOMES.put(Fault.CUT_BODY, Outcome.CONNECTION);
    PURGE_OUTCOMES.put(Fault.TRUNCATED_JSON, Outcome.MALFORMED);
    PURGE_OUTCOMES.put(Fault.OVERSIZED_BODY, Outcome.TOO_LARGE);
  }

  static Stream<Arguments> faults() {
    return Combinations.of(
        List.of(Fault.values()), List.of(Endpoint.STATUS, Endpoint.PURGE), List.of(false, true));
  }

  @ParameterizedTest(name = "{0} on {1}, async={2}")
  @MethodSource("faults")
  void eachFaultEndsInSuccessOrItsDocumentedErrorWithinTheDeadline(
      Fault fault, Endpoint endpoint, boolean async) throws Exception {
    ImageKitSimulator simulator =
        closeLater(
            ImageKitSimulator.builder()
                .privateKey(KEY)
                .completeAfterPolls(1000)
                .faults(
                    FaultMix.builder()
                        .probability(0)
                        .slowDelay(Duration.ofMillis(800))
                        .oversizedBytes(128 << 10)
                        .rateLimitReset(Duration.ofMillis(80))
                        .build())
                .start());
    TcpRelay relay = closeLater(TcpRelay.to(simulator.baseUri()));
    HttpTransport transport = closeLater(provider().create(TransportOptions.defaults()));
    PurgeClient client = closeLater(client(transport, relay, 3, 64 << 10));
    String id = simulator.registerPurge(FILE);
    client.status(id);
    if (async) {
      // The path under test is warmed up too: a transport may build what serves its asynchronous
      // calls (the JDK transport's HttpClient, with its selector and worker threads) at the first
      // one, and those threads are its own until close(), not ones a fault left behind.
      client.async().status(id).get(30, TimeUnit.SECONDS);
    }
    long threadsBefore = ClientThreads.count();
    simulator.enqueueFault(endpoint, fault);

    long started = System.nanoTime();
    Throwable failure = call(client, endpoint, id, async);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    Outcome expected = (endpoint == Endpoint.STATUS ? STATUS_OUTCOMES : PURGE_OUTCOMES).get(fault);
    if (expected == Outcome.SUCCESS) {
      assertThat(failure).as("%s on %s", fault, endpoint).isNull();
    } else {
      assertThat(failure).as("%s on %s", fault, endpoint).isInstanceOf(expected.type);
    }
    assertThat(elapsed).isLessThan(CALL_TIMEOUT.plus(DEADLINE_MARGIN));
    assertThat(simulator.journal().stream().filter(r -> r.fault().isPresent()).count())
        .as("the fault was played")
        .isPositive();
    awaitSettled(() -> ClientThreads.count() <= threadsBefore + 3);
    assertThat(ClientThreads.count())
        .as("threads left behind")
        .isLessThanOrEqualTo(threadsBefore + 3);
    if (idleConnectionsOutliveTheTransport()) {
      awaitSettled(() -> relay.openConnections() <= 2);
      assertThat(relay.openConnections())
          .as("connections open: no more than the idle ones of a shared cache")
          .isLessThanOrEqualTo(2);
      return;
    }
    // An idle connection in the pool is the pool's to keep (how many a retry opens depends on how
    // soon the last one went back); one still open once the transport is closed was lost.
    transport.close();
    awaitSettled(() -> relay.openConnections() == 0);
    assertThat(relay.openConnections())
        .as("connections left open once the transport is closed")
        .isZero();
  }

  /**
   * Returns whether the transport's idle connections live in a cache it does not own, which its
   * {@code close()} leaves alone (HttpURLConnection's keep-alive cache belongs to the JVM, and
   * closes an idle connection on its own timer, seconds later); false by default.
   *
   * @return whether closing the transport leaves its idle connections open
   */
  protected boolean idleConnectionsOutliveTheTransport() {
    return false;
  }

  /**
   * Twenty thousand calls take half a minute: the {@code slow} tag keeps it out of mutation runs.
   */
  @Tag("slow")
  @Test
  void aSoakOfTwentyThousandCallsWithSeededFaultsEndsOnlyInDocumentedOutcomes() throws Exception {
    int threads = 16;
    int calls = 20_000;
    long seed = 20261127L;
    ImageKitSimulator simulator =
        closeLater(
            ImageKitSimulator.builder()
                .privateKey(KEY)
                .completeAfterPolls(1_000_000)
                .faults(
                    FaultMix.builder()
                        .seed(seed)
                        .probability(0.10)
                        .slowDelay(Duration.ofMillis(400))
                        .oversizedBytes(96 << 10)
                        .rateLimitReset(Duration.ofMillis(20))
                        .build())
                .start());
    TcpRelay relay = closeLater(TcpRelay.to(simulator.baseUri()));
    HttpTransport transport = closeLater(provider().create(TransportOptions.defaults()));
    PurgeClient client = closeLater(client(transport, relay, 3, 64 << 10));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(simulator.registerPurge(FILE + "?v=" + i));
    }
    long threadsBefore = ClientThreads.count();
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    LongAdder overDeadline = new LongAdder();

    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean async = t % 2 == 1;
      SplittableRandom random = new SplittableRandom(seed + t);
      workers.add(
          pool.submit(
              () -> {
                while (next.getAndIncrement() < calls) {
                  Endpoint endpoint = random.nextInt(10) == 0 ? Endpoint.PURGE : Endpoint.STATUS;
                  String id = ids.get(random.nextInt(ids.size()));
                  long callStarted = System.nanoTime();
                  Throwable failure = call(client, endpoint, id, async);
                  if (Duration.ofNanos(System.nanoTime() - callStarted)
                          .compareTo(CALL_TIMEOUT.plus(DEADLINE_MARGIN))
                      > 0) {
                    overDeadline.increment();
                  }
                  String outcome = failure == null ? "success" : failure.getClass().getSimpleName();
                  outcomes.computeIfAbsent(outcome, key -> new LongAdder()).increment();
                  if (failure != null && !DOCUMENTED.contains(failure.getClass())) {
                    unexpected.add(failure);
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    awaitSettled(
        () ->
            relay.openConnections() <= threads + 8
                && ClientThreads.count() <= threadsBefore + 3L * threads);

    List<RecordedRequest> journal = simulator.journal();
    Map<String, Long> faults =
        journal.stream()
            .filter(r -> r.fault().isPresent())
            .collect(
                Collectors.groupingBy(
                    r -> r.fault().orElseThrow().name(), TreeMap::new, Collectors.counting()));
    long requests = journal.size();
    System.out.printf(
        "soak on %s: %d calls on %d threads in %d ms; %d requests reached the simulator (%d"
            + " beyond one per call: retries); outcomes %s; faults played %s; calls over the"
            + " deadline %d; connections open after %d (opened %d); client threads %d -> %d %s%n",
        provider().name(),
        calls,
        threads,
        elapsed.toMillis(),
        requests,
        requests - calls,
        new TreeMap<>(
            outcomes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))),
        faults,
        overDeadline.sum(),
        relay.openConnections(),
        relay.totalConnections(),
        threadsBefore,
        ClientThreads.count(),
        ClientThreads.byName());

    assertThat(unexpected).as("exceptions of undocumented types").isEmpty();
    assertThat(outcomes.values().stream().mapToLong(LongAdder::sum).sum()).isEqualTo(calls);
    assertThat(outcomes.get("success").sum()).isGreaterThan(calls * 8L / 10);
    assertThat(faults.values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThan(calls / 20L);
    assertThat(overDeadline.sum()).as("calls that outlived their deadline").isZero();
    assertThat(relay.openConnections())
        .as("connections left open")
        .isLessThanOrEqualTo(threads + 8);
    // A transport's pool may grow with concurrency (the JDK client's worker pool is unbounded),
    // but never with the number of calls: 20 000 calls must not leave thousands of threads.
    assertThat(ClientThreads.count())
        .as("client threads left behind")
        .isLessThanOrEqualTo(threadsBefore + 3L * threads);
  }

  /**
   * Gives connections and threads that are winding down after the calls the time to end (up to 30
   * seconds, on a loaded machine); the assertions that follow say what was left.
   */
  private static void awaitSettled(BooleanSupplier settled) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!settled.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private PurgeClient client(HttpTransport transport, TcpRelay relay, int attempts, int maxBytes) {
    return PurgeClient.builder()
        .baseUri(relay.uri("http"))
        .privateKey(KEY)
        .transport(transport)
        .attemptTimeout(ATTEMPT_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .maxResponseBytes(maxBytes)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(attempts)
                .baseDelay(Duration.ofMillis(5))
                .maxDelay(Duration.ofMillis(20))
                .build())
        .build();
  }

  /** Makes one call; returns null on success, else what it failed with (unwrapped if async). */
  private static Throwable call(PurgeClient client, Endpoint endpoint, String id, boolean async) {
    try {
      if (async) {
        (endpoint == Endpoint.PURGE ? client.async().purge(FILE) : client.async().status(id))
            .get(30, TimeUnit.SECONDS);
      } else if (endpoint == Endpoint.PURGE) {
        client.purge(FILE);
      } else {
        client.status(id);
      }
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}
