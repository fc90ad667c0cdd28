package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ImageKit;
import io.github.ikpurge.facade.ResultCache;
import io.github.ikpurge.facade.ResultCacheStatus;
import io.github.ikpurge.facade.dotnet.ImagekitClient;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of both facades, {@link ImageKit} (Java style) and {@link ImagekitClient}
 * (.NET style), over the transport under test: their calls, errors, waits, cancellation and what
 * each leaves open. A transport module runs it by extending it with one factory method.
 */
public abstract class FacadeConformanceTest {

  private static final String FILE = "https://ik.imagekit.io/demo/a.jpg";

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().completeAfterPolls(1000).start();
  private Configuration config;

  /**
   * Returns the provider of the transport under test.
   *
   * @return the provider
   */
  protected abstract TransportProvider provider();

  private Configuration configurationFor(ImageKitSimulator server) {
    return new Configuration("public_x", server.privateKey(), null)
        .withApiBaseUrl(server.baseUri().toString())
        .withTransport(provider().name());
  }

  @BeforeEach
  void configure() {
    config = configurationFor(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void theSingletonAnswersEveryCallWhileItIsReconfiguredConcurrently() throws Exception {
    ImageKit imageKit = ImageKit.getInstance();
    imageKit.setConfig(config);
    String id = imageKit.purgeCache(FILE).getRequestId();
    int threads = 8;
    int callsPerThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean calling = new AtomicBoolean(true);
    List<Future<Integer>> callers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        callers.add(
            pool.submit(
                () -> {
                  start.await();
                  int answered = 0;
                  for (int i = 0; i < callsPerThread; i++) {
                    if (imageKit.getPurgeCacheStatus(id).getPurgeCacheStatus().isKnown()) {
                      answered++;
                    }
                  }
                  return answered;
                }));
      }
      Future<Integer> reconfigurer =
          pool.submit(
              () -> {
                start.await();
                int swaps = 0;
                while (calling.get()) {
                  imageKit.setConfig(config);
                  swaps++;
                }
                return swaps;
              });
      start.countDown();
      int answered = 0;
      for (Future<Integer> caller : callers) {
        answered += caller.get(60, TimeUnit.SECONDS);
      }
      calling.set(false);

      assertThat(answered).isEqualTo(threads * callsPerThread);
      assertThat(reconfigurer.get(10, TimeUnit.SECONDS)).isPositive();
      assertThat(simulator.journal(Endpoint.STATUS)).hasSize(threads * callsPerThread);
    } finally {
      calling.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void theSingletonSaysHowToConfigureItAndNeverShowsTheKey() {
    imageKitConfigured();

    assertThat(ImageKit.getInstance().getConfig().toString())
        .doesNotContain(simulator.privateKey())
        .contains("privateKey=****");
  }

  private void imageKitConfigured() {
    ImageKit.getInstance().setConfig(config);
  }

  @Test
  void theSingletonPurgesAndThrowsTypedErrors() {
    imageKitConfigured();

    ResultCache purge = ImageKit.getInstance().purgeCache(FILE);

    assertThat(purge.getRequestId()).hasSize(24);
    assertThat(purge.getResponseMetaData().getHttpStatusCode()).isEqualTo(201);
    assertThatThrownBy(() -> ImageKit.getInstance().getPurgeCacheStatus("unknown"))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void theDotnetFacadeWorksSyncAndAsync() throws Exception {
    try (ImagekitClient imagekit = new ImagekitClient(config)) {
      ResultCache purge = imagekit.PurgeCache(FILE);
      ResultCache purgeAsync = imagekit.PurgeCacheAsync(FILE).get(10, TimeUnit.SECONDS);
      ResultCacheStatus status =
          imagekit.PurgeStatusAsync(purge.getRequestId()).get(10, TimeUnit.SECONDS);

      assertThat(purgeAsync.getRequestId()).isNotEqualTo(purge.getRequestId());
      assertThat(status.getStatus()).isEqualTo("Pending");
      assertThat(imagekit.PurgeStatus(purgeAsync.getRequestId()).getStatus()).isEqualTo("Pending");
    }
  }

  @Test
  void theDotnetFacadeThrowsErrorsInsteadOfReturningThem() {
    try (ImagekitClient imagekit = new ImagekitClient(config)) {
      assertThatThrownBy(() -> imagekit.PurgeStatus("unknown"))
          .isInstanceOf(BadRequestException.class);
      assertThatThrownBy(() -> imagekit.PurgeStatusAsync("unknown").join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ImageKitException.class);
    }
  }

  @Test
  void cancellingAnAsyncFacadeCallCancelsTheCallUnderneath() throws Exception {
    // A peer that reads the request and never answers: only a cancelled exchange closes the
    // connection before the minute-long attempt timeout.
    try (HostilePeer peer = HostilePeer.start((connection, request) -> connection.hold())) {
      PurgeClient client =
          PurgeClient.builder()
              .baseUri(peer.uri())
              .allowInsecureHttp(true)
              .privateKey("private_cancelled")
              .transport(provider().name())
              .attemptTimeout(Duration.ofSeconds(60))
              .callTimeout(Duration.ofSeconds(120))
              .build();
      ImagekitClient imagekit = new ImagekitClient(client);
      CompletableFuture<ResultCacheStatus> future = imagekit.PurgeStatusAsync("abc");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (peer.requests() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(peer.requests()).isEqualTo(1);

      assertThat(future.cancel(true)).isTrue();
      assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);

      assertThat(peer.awaitNoOpenConnections(Duration.ofSeconds(20)))
          .as("the exchange underneath was cancelled and its connection closed")
          .isTrue();
      client.close();
      assertThatThrownBy(() -> client.status("abc")).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aFacadeOverAClientLeavesItOpen() {
    try (PurgeClient client = simulator.clientBuilder().transport(provider().name()).build()) {
      new ImagekitClient(client).close();

      assertThat(client.purge(FILE).metadata().statusCode()).isEqualTo(201);
    }
  }

  @Test
  void bothFacadesWaitForCompletionInTheirOwnNaming() throws Exception {
    try (ImageKitSimulator quick = ImageKitSimulator.builder().completeAfterPolls(0).start()) {
      Configuration quickConfig = configurationFor(quick);
      ImageKit.getInstance().setConfig(quickConfig);
      ResultCache submitted = ImageKit.getInstance().purgeCache(FILE);

      assertThat(
              ImageKit.getInstance()
                  .waitForPurgeCacheCompletion(submitted.getRequestId())
                  .getStatus())
          .isEqualTo("Completed");
      assertThat(
              ImageKit.getInstance()
                  .waitForPurgeCacheCompletion(submitted.getRequestId(), Duration.ofSeconds(10))
                  .getStatus())
          .isEqualTo("Completed");
      assertThat(ImageKit.getInstance().purgeCacheAndWait(FILE).getStatus()).isEqualTo("Completed");
      assertThat(ImageKit.getInstance().purgeCacheAndWait(FILE, Duration.ofSeconds(10)).getStatus())
          .isEqualTo("Completed");
      try (ImagekitClient imagekit = new ImagekitClient(quickConfig)) {
        assertThat(imagekit.PurgeCacheAndWait(FILE, Duration.ofSeconds(10)).getStatus())
            .isEqualTo("Completed");
        assertThat(
                imagekit.PurgeCacheAndWaitAsync(FILE, Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS)
                    .getStatus())
            .isEqualTo("Completed");
        assertThat(
                imagekit.WaitForPurgeCompletionAsync(
                        submitted.getRequestId(), Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS)
                    .getStatus())
            .isEqualTo("Completed");
      }
    }
  }

  @Test
  void closingADotnetFacadeClosesTheClientItBuilt() {
    ImagekitClient imagekit = new ImagekitClient(config);
    String id = imagekit.PurgeCache(FILE).getRequestId();
    imagekit.close();

    assertThatThrownBy(() -> imagekit.PurgeStatus(id))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this PurgeClient is closed");
  }

  @Test
  void aFacadeWaitThatRunsOutThrowsTheTimeoutWithTheLastStatus() {
    ImageKit.getInstance().setConfig(config);
    String id = ImageKit.getInstance().purgeCache(FILE).getRequestId();

    assertThatThrownBy(
            () -> ImageKit.getInstance().waitForPurgeCacheCompletion(id, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            CompletionTimeoutException.class,
            e ->
                assertThat(e.lastStatus())
                    .hasValueSatisfying(status -> assertThat(status.isPending()).isTrue()));
  }
}
