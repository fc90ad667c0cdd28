package io.github.ikpurge.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.conformance.HostilePeer;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ImageKit;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.transport.jdk.internal.SelectorThreads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Closing a transport built from options (on the HttpClient engine) lets the exchanges in flight
 * finish, then releases the client's selector thread and workers, on Java 17 (which has no {@code
 * HttpClient.close()}) as on later versions.
 */
class JdkTransportCloseTest {

  private static final long JOIN_MILLIS = 10_000;

  private static TransportRequest get(URI base) {
    return TransportRequest.builder()
        .method("GET")
        .uri(URI.create(base + "/v1/files/purge/abc"))
        .headers(Headers.builder().add("Accept", "application/json").build())
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void closingEndsTheClientsSelectorThread() throws Exception {
    try (ImageKitSimulator simulator = ImageKitSimulator.start()) {
      JdkHttpTransport transport =
          JdkHttpTransport.create(TransportOptions.defaults(), JdkHttpTransport.Engine.HTTP_CLIENT);
      transport.execute(get(simulator.baseUri()));
      Thread selector = SelectorThreads.find(transport.httpClient());
      assertThat(selector).as("the client's selector thread, found by its name").isNotNull();

      transport.close();

      selector.join(JOIN_MILLIS);
      assertThat(selector.isAlive()).as("selector thread alive after close").isFalse();
    }
  }

  @Test
  void exchangesInFlightFinishWhenTheTransportClosesAndNewOnesAreRefused() throws Exception {
    int calls = 6;
    CountDownLatch arrived = new CountDownLatch(calls);
    CountDownLatch answer = new CountDownLatch(1);
    try (HostilePeer peer =
        HostilePeer.start(
            (connection, request) -> {
              arrived.countDown();
              try {
                answer.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              connection.write(
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n"
                      + "{\"status\":\"Completed\"}");
            })) {
      JdkHttpTransport transport =
          JdkHttpTransport.create(TransportOptions.defaults(), JdkHttpTransport.Engine.HTTP_CLIENT);
      ExecutorService blocking = Executors.newFixedThreadPool(calls / 2);
      List<Future<TransportResponse>> sync = new ArrayList<>();
      List<CompletableFuture<TransportResponse>> async = new ArrayList<>();
      try {
        for (int i = 0; i < calls / 2; i++) {
          sync.add(blocking.submit(() -> transport.execute(get(peer.uri()))));
          async.add(transport.executeAsync(get(peer.uri())));
        }
        assertThat(arrived.await(20, TimeUnit.SECONDS)).as("all requests arrived").isTrue();
        Thread selector = SelectorThreads.find(transport.httpClient());

        transport.close();

        HttpTransportException refused =
            catchThrowableOfType(
                HttpTransportException.class, () -> transport.execute(get(peer.uri())));
        assertThat(refused).hasMessageContaining("closed");
        assertThat(transport.executeAsync(get(peer.uri()))).isCompletedExceptionally();
        assertThat(selector.isAlive()).as("the client still serves its exchanges").isTrue();
        answer.countDown();
        for (Future<TransportResponse> call : sync) {
          assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        for (CompletableFuture<TransportResponse> call : async) {
          assertThat(call.get(20, TimeUnit.SECONDS).body())
              .asString(StandardCharsets.UTF_8)
              .contains("Completed");
        }
        selector.join(JOIN_MILLIS);
        assertThat(selector.isAlive()).as("selector thread alive once they ended").isFalse();
      } finally {
        answer.countDown();
        blocking.shutdownNow();
      }
    }
  }

  /**
   * The facade closes a replaced configuration's client once its calls end: reconfigured under
   * load, no call fails and no replaced client's selector thread outlives it.
   */
  @Test
  void reconfiguringTheFacadeUnderLoadFailsNoCallAndLeavesNoSelectorThread() throws Exception {
    Set<String> before = selectorThreadNames();
    // The facade finds the provider by name, which reads the engine from this property.
    String engine = System.setProperty(JdkHttpTransport.Engine.PROPERTY, "http-client");
    try (ImageKitSimulator simulator = ImageKitSimulator.start()) {
      String requestId = simulator.registerPurge("https://ik.imagekit.io/demo/a.png");
      Configuration config =
          new Configuration("public_k", simulator.privateKey(), "https://ik.imagekit.io/demo")
              .withApiBaseUrl(simulator.baseUri().toString())
              .withTransport("jdk");
      ImageKit imageKit = ImageKit.getInstance();
      imageKit.setConfig(config);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger succeeded = new AtomicInteger();
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      ExecutorService callers = Executors.newFixedThreadPool(4);
      CountDownLatch calling = new CountDownLatch(4);
      for (int i = 0; i < 4; i++) {
        callers.execute(
            () -> {
              calling.countDown();
              while (!stop.get()) {
                try {
                  imageKit.getPurgeCacheStatus(requestId);
                  succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              }
            });
      }
      calling.await();
      int swaps = 30;
      long callsDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 0; i < swaps; i++) {
        int target = succeeded.get() + 20;
        imageKit.setConfig(config);
        while (succeeded.get() < target
            && failures.isEmpty()
            && System.nanoTime() < callsDeadline) {
          Thread.onSpinWait();
        }
      }
      stop.set(true);
      callers.shutdown();
      assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(failures).as("calls that failed across %d reconfigurations", swaps).isEmpty();
      assertThat(succeeded.get()).isGreaterThanOrEqualTo(swaps * 20);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
      List<Thread> alive = newSelectorThreads(before);
      while (alive.size() > 1 && System.nanoTime() < deadline) {
        for (Thread thread : alive) {
          thread.join(50);
        }
        alive.removeIf(thread -> !thread.isAlive());
      }
      assertThat(alive).as("selector threads left: the current configuration's").hasSizeLessThan(2);
    } finally {
      if (engine == null) {
        System.clearProperty(JdkHttpTransport.Engine.PROPERTY);
      } else {
        System.setProperty(JdkHttpTransport.Engine.PROPERTY, engine);
      }
    }
  }

  private static List<Thread> newSelectorThreads(Set<String> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> isSelector(thread.getName()) && !before.contains(thread.getName()))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static boolean isSelector(String name) {
    return name.startsWith("HttpClient-") && name.endsWith("-SelectorManager");
  }

  private static Set<String> selectorThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(JdkTransportCloseTest::isSelector)
        .collect(Collectors.toSet());
  }
}
