package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.spi.HttpTransportException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A purge followed to completion, and the waits' arguments, on the blocking and async paths. */
class PurgeAndAwaitTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final PurgeClient client =
      PurgeClient.builder()
          .privateKey("private_await")
          .transport(transport)
          .retryPolicy(RetryPolicy.none())
          .pollPolicy(
              PollPolicy.builder()
                  .initialDelay(Duration.ofMillis(1))
                  .maxDelay(Duration.ofMillis(1))
                  .jitter(0)
                  .build())
          .build();

  @AfterEach
  void stop() {
    transport.release();
    callers.shutdownNow();
    client.close();
  }

  enum Mode {
    SYNC,
    ASYNC;

    PurgeStatusResult awaitCompletion(PurgeClient client, Duration maxWait) {
      try {
        return this == SYNC
            ? client.awaitCompletion("abc", maxWait, event -> {})
            : client.async().awaitCompletion("abc", maxWait, event -> {}).join();
      } catch (CompletionException e) {
        throw (RuntimeException) e.getCause();
      }
    }

    PurgeStatusResult purgeAndAwait(PurgeClient client, Duration maxWait) {
      try {
        return this == SYNC
            ? client.purgeAndAwait(URL, maxWait, event -> {})
            : client.async().purgeAndAwait(URL, maxWait, event -> {}).join();
      } catch (CompletionException e) {
        throw (RuntimeException) e.getCause();
      }
    }
  }

  /**
   * Blocking only: an async purge still in flight at the wait's end is cut off there by its own
   * deadline, so whether its late answer or that cut comes first is a race.
   */
  @Test
  void aPurgeThatTakesTheWholeWaitEndsItWithTheRequestIdAndNoPoll() throws Exception {
    Mode mode = Mode.SYNC;
    Duration maxWait = Duration.ofMillis(100);
    transport.respond(201, "{\"requestId\":\"late\"}").hold();
    CountDownLatch over = new CountDownLatch(1);
    CompletableFuture<PurgeStatusResult> call =
        CompletableFuture.supplyAsync(() -> mode.purgeAndAwait(client, maxWait), callers);
    transport.awaitArrivals(1);
    // The wait started before its purge arrived: its answer is let through once the wait is over.
    Deadlines.at(System.nanoTime() + maxWait.toNanos() + 1, over::countDown);
    assertThat(over.await(30, TimeUnit.SECONDS)).isTrue();
    transport.release();

    assertThat(call)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isExactlyInstanceOf(CompletionTimeoutException.class)
        .satisfies(
            e -> {
              CompletionTimeoutException timeout = (CompletionTimeoutException) e;
              assertThat(timeout.requestId()).isEqualTo("late");
              assertThat(timeout.polls()).isZero();
              assertThat(timeout.lastStatus()).isEmpty();
            });
    assertThat(transport.requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailedPurgeFailsTheWaitWithItsOwnError(Mode mode) {
    transport.respond(400, "{\"message\":\"bad url\"}");

    assertThatThrownBy(() -> mode.purgeAndAwait(client, Duration.ofSeconds(30)))
        .isExactlyInstanceOf(BadRequestException.class)
        .hasMessageContaining("bad url");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailedPollFailsTheWaitWithItsOwnError(Mode mode) {
    transport.respond(201, "{\"requestId\":\"abc\"}").respond(404, "{\"message\":\"gone\"}");

    assertThatThrownBy(() -> mode.purgeAndAwait(client, Duration.ofSeconds(30)))
        .isExactlyInstanceOf(NotFoundException.class)
        .hasMessageContaining("gone");
    assertThat(transport.requests()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPollThatCannotConnectFailsTheWaitWithTheConnectionErrorItself(Mode mode) {
    transport.respond(201, "{\"requestId\":\"abc\"}").fail(HttpTransportException.Kind.TLS);

    assertThatThrownBy(() -> mode.purgeAndAwait(client, Duration.ofSeconds(30)))
        .isExactlyInstanceOf(ConnectionException.class)
        .hasCauseInstanceOf(HttpTransportException.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachPollIsReportedWithItsNumberStatusAndTimeWaited(Mode mode) {
    transport
        .respond(201, "{\"requestId\":\"abc\"}")
        .respond(200, "{\"status\":\"Pending\"}")
        .respond(200, "{\"status\":\"Completed\"}");
    List<PollEvent> events = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();

    PurgeStatusResult result =
        mode == Mode.SYNC
            ? client.purgeAndAwait(URL, Duration.ofSeconds(30), events::add)
            : client.async().purgeAndAwait(URL, Duration.ofSeconds(30), events::add).join();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.status().value()).isEqualTo("Completed");
    assertThat(events).extracting(PollEvent::poll).containsExactly(1, 2);
    assertThat(events)
        .extracting(event -> event.status().value())
        .containsExactly("Pending", "Completed");
    assertThat(events)
        .allSatisfy(event -> assertThat(event.elapsed()).isBetween(Duration.ZERO, elapsed));
  }

  /** A wait with its limit and listener; an async one waits for its future. */
  record Wait(String name, Waiting call) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Waiting {
    Object run(PurgeClient client, Duration maxWait, PollListener listener);
  }

  static Stream<Wait> waits() {
    return Stream.of(
        new Wait("awaitCompletion", (c, w, l) -> c.awaitCompletion("abc", w, l)),
        new Wait("purgeAndAwait", (c, w, l) -> c.purgeAndAwait(URL, w, l)),
        new Wait("async awaitCompletion", (c, w, l) -> c.async().awaitCompletion("abc", w, l)),
        new Wait("async purgeAndAwait", (c, w, l) -> c.async().purgeAndAwait(URL, w, l)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waits")
  void aWaitNeedsAPositiveLimitAndAListenerBeforeAnyRequest(Wait wait) {
    BiFunction<Duration, PollListener, Object> call =
        (maxWait, listener) -> wait.call().run(client, maxWait, listener);

    assertThatThrownBy(() -> call.apply(Duration.ZERO, event -> {}))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must be positive, was PT0S");
    assertThatThrownBy(() -> call.apply(Duration.ofMillis(-1), event -> {}))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must be positive, was PT-0.001S");
    assertThatThrownBy(() -> call.apply(ChronoUnit.FOREVER.getDuration(), event -> {}))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxWait must be at most PT2562047H47M16.854775807S");
    assertThatThrownBy(() -> call.apply(null, event -> {}))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("maxWait");
    assertThatThrownBy(() -> call.apply(Duration.ofSeconds(1), null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("listener");
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void theClientDescribesItselfWithoutTheKey() {
    assertThat(client.transportName()).isEqualTo("in-memory");
    assertThat(client)
        .hasToString(
            "PurgeClient{https://api.imagekit.io/v1/files/purge, transport=in-memory, codec=builtin}");
    assertThat(client.async()).hasToString("Async" + client);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPollCutOffByTheWaitsEndIsACompletionTimeoutCausedByThePollsTimeout(Mode mode) {
    transport.stall();

    // Long enough that the poll starts before it ends, however busy the machine.
    Duration maxWait = Duration.ofSeconds(2);

    assertThatThrownBy(() -> mode.awaitCompletion(client, maxWait))
        .isExactlyInstanceOf(CompletionTimeoutException.class)
        .satisfies(
            e -> {
              CompletionTimeoutException timeout = (CompletionTimeoutException) e;
              assertThat(timeout.requestId()).isEqualTo("abc");
              assertThat(timeout.polls()).isZero();
              assertThat(timeout.getCause()).isExactlyInstanceOf(ImageKitTimeoutException.class);
              assertThat(((ImageKitTimeoutException) timeout.getCause()).scope())
                  .isEqualTo(ImageKitTimeoutException.Scope.CALL);
            });
    assertThat(transport.requests()).hasSize(1);
  }

  /** The longest wait, {@code Long.MAX_VALUE} ns, runs past the clock's end and wraps. */
  static Stream<Arguments> longerWaits() {
    return Stream.of(Mode.values())
        .flatMap(
            mode ->
                Stream.of(
                    Arguments.of(mode, Duration.ofMinutes(5)),
                    Arguments.of(mode, Duration.ofNanos(Long.MAX_VALUE))));
  }

  @ParameterizedTest(name = "{0}, wait {1}")
  @MethodSource("longerWaits")
  void aPollKeepsTheCallTimeoutInALongerWaitAndEndsItWithThatTimeout(Mode mode, Duration maxWait) {
    transport.stall();
    Duration callTimeout = Duration.ofSeconds(1);

    try (PurgeClient bounded =
        PurgeClient.builder()
            .privateKey("private_await")
            .transport(transport)
            .callTimeout(callTimeout)
            .build()) {
      assertThatThrownBy(() -> mode.awaitCompletion(bounded, maxWait))
          .isExactlyInstanceOf(ImageKitTimeoutException.class)
          .satisfies(
              e -> {
                ImageKitTimeoutException timeout = (ImageKitTimeoutException) e;
                assertThat(timeout.scope()).isEqualTo(ImageKitTimeoutException.Scope.CALL);
                assertThat(timeout.limit()).isEqualTo(callTimeout);
              });
    }
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void aBlockingWaitInterruptedBetweenPollsEndsAtOnceWithTheInterruptKept() throws Exception {
    transport.respond(200, "{\"status\":\"Pending\"}");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    try (PurgeClient slow =
        PurgeClient.builder()
            .privateKey("private_await")
            .transport(transport)
            .pollPolicy(
                PollPolicy.builder()
                    .initialDelay(Duration.ofMinutes(1))
                    .maxDelay(Duration.ofMinutes(1))
                    .build())
            .build()) {
      Thread waiter =
          new Thread(
              () -> {
                try {
                  slow.awaitCompletion("abc", Duration.ofMinutes(5), event -> {});
                } catch (RuntimeException e) {
                  failure.set(e);
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      waiter.start();
      // Interrupted during its first poll or the pause after it, the wait ends in that pause.
      transport.awaitArrivals(1);
      waiter.interrupt();
      waiter.join(TimeUnit.SECONDS.toMillis(30));

      assertThat(waiter.isAlive()).isFalse();
    }
    assertThat(failure.get())
        .isExactlyInstanceOf(ImageKitException.class)
        .hasMessage("interrupted while waiting for purge abc to complete")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(stillInterrupted).isTrue();
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void cancellingAnAsyncPurgeAndAwaitCancelsThePurgeInFlight() {
    transport.hold();

    CompletableFuture<PurgeStatusResult> call =
        client.async().purgeAndAwait(URL, Duration.ofSeconds(30), event -> {});
    call.cancel(true);

    assertThat(transport.exchanges()).singleElement().satisfies(e -> assertThat(e).isCancelled());
  }

  @Test
  void cancellingAnAsyncWaitCancelsThePollInFlight() throws Exception {
    transport.stall();

    CompletableFuture<PurgeStatusResult> wait =
        client.async().awaitCompletion("abc", Duration.ofSeconds(30), event -> {});
    transport.awaitArrivals(1);
    pollSent();
    wait.cancel(true);

    assertThat(transport.exchanges()).singleElement().satisfies(e -> assertThat(e).isCancelled());
  }

  @Test
  void cancellingAnAsyncPurgeAndAwaitCancelsThePollInFlight() throws Exception {
    transport.respond(201, "{\"requestId\":\"abc\"}").stall();

    CompletableFuture<PurgeStatusResult> call =
        client.async().purgeAndAwait(URL, Duration.ofSeconds(30), event -> {});
    transport.awaitArrivals(2);
    pollSent();
    call.cancel(true);

    assertThat(transport.exchanges()).hasSize(2);
    assertThat(transport.exchanges().get(0)).isCompleted();
    assertThat(transport.exchanges().get(1)).isCancelled();
  }

  /**
   * Waits until the poll that has arrived at the transport has been sent all the way: polls start
   * on the scheduler's one thread, so a task queued there now runs once that poll's start is over.
   */
  private static void pollSent() throws InterruptedException {
    CountDownLatch over = new CountDownLatch(1);
    Scheduler.schedule(over::countDown, 0);
    assertThat(over.await(30, TimeUnit.SECONDS)).isTrue();
  }
}
