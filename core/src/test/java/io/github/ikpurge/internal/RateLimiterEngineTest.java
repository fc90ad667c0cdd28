package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the engine uses the rate limiter: one slot per request on the wire, every 429 reported. */
class RateLimiterEngineTest {

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ScriptedLimiter limiter = new ScriptedLimiter();

  private PurgeClient client(Duration callTimeout) {
    return PurgeClient.builder()
        .privateKey("private_limiter_" + System.nanoTime())
        .transport(transport)
        .rateLimiter(limiter)
        .callTimeout(callTimeout)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .baseDelay(Duration.ZERO)
                .maxDelay(Duration.ZERO)
                .build())
        .build();
  }

  private static TransportResponse tooMany() {
    return TransportResponse.of(
        429,
        Headers.builder()
            .add("X-RateLimit-Limit", "7")
            .add("X-RateLimit-Interval", "1000")
            .add("X-RateLimit-Reset", "0")
            .build(),
        "{\"message\":\"slow down\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyAttemptReservesASlotAndEvery429IsReported() {
    transport.respond(tooMany()).respond(503, "{}").respond(200, "{\"status\":\"Completed\"}");

    client(Duration.ofSeconds(10)).status("abc");

    assertThat(limiter.reserved).isEqualTo(3);
    assertThat(transport.requests()).hasSize(3);
    assertThat(limiter.reported).hasSize(1);
    assertThat(limiter.reported.get(0).limit()).hasValue(7);
    assertThat(limiter.reported.get(0).interval()).contains(Duration.ofSeconds(1));
  }

  @Test
  void theAsyncPathReservesAndReportsAlike() {
    transport.respond(tooMany()).respond(200, "{\"status\":\"Completed\"}");

    client(Duration.ofSeconds(10)).async().status("abc").join();

    assertThat(limiter.reserved).isEqualTo(2);
    assertThat(limiter.reported).hasSize(1);
  }

  @Test
  void aSlotIsWaitedForBeforeTheRequestGoes() {
    limiter.waits.add(Duration.ofMillis(200));
    transport.respond(200, "{\"status\":\"Completed\"}");
    long started = System.nanoTime();

    client(Duration.ofSeconds(10)).status("abc");

    // A lower bound only: a sleep never ends early, however busy the machine.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void aSlotPastTheDeadlineFailsTheCallAtOnceAndSendsNothing() {
    limiter.waits.add(Duration.ofSeconds(30));

    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).purge("https://ik.imagekit.io/d/a.png"))
        .isInstanceOf(ImageKitTimeoutException.class)
        .hasMessageContaining("rate limit")
        .hasMessageContaining("30000 ms")
        .satisfies(
            e ->
                assertThat(((ImageKitTimeoutException) e).scope())
                    .isEqualTo(ImageKitTimeoutException.Scope.RATE_LIMIT));
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void onTheAsyncPathTooASlotPastTheDeadlineFailsTheFuture() {
    limiter.waits.add(Duration.ofSeconds(30));

    Throwable failure =
        catchThrowable(
            () ->
                client(Duration.ofSeconds(5))
                    .async()
                    .purge("https://ik.imagekit.io/d/a.png")
                    .join());

    assertThat(failure)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ImageKitTimeoutException.class);
    assertThat(failure.getCause()).hasMessageContaining("rate limit");
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void aLimiterThatAnswersNullOrANegativeWaitIsTakenAsNoWait() {
    limiter.waits.add(Duration.ofSeconds(-5));
    limiter.nullNext = true;
    transport.respond(503, "{}").respond(200, "{\"status\":\"Completed\"}");

    client(Duration.ofSeconds(10)).status("abc");

    assertThat(transport.requests()).hasSize(2);
  }

  @Test
  void aLimiterThatAsksForeverStillFailsTheCallWithItsTypedError() {
    limiter.waits.add(java.time.temporal.ChronoUnit.FOREVER.getDuration());

    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).status("abc"))
        .isInstanceOf(ImageKitTimeoutException.class)
        .hasMessageContaining("rate limit");
  }

  @Test
  void aLimiterThatThrowsAnErrorOnARetryStillEndsTheFuture() {
    transport.respond(503, "{}");
    RateLimiter failing =
        new RateLimiter() {
          private int calls;

          @Override
          public synchronized Duration reserve(Duration maxWait) {
            if (++calls == 2) {
              throw new AssertionError("limiter broke");
            }
            return Duration.ZERO;
          }

          @Override
          public void rateLimited(RateLimit limit) {}
        };
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_failing_" + System.nanoTime())
            .transport(transport)
            .rateLimiter(failing)
            .retryPolicy(
                RetryPolicy.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).build())
            .build();

    Throwable failure =
        catchThrowable(
            () -> client.async().status("abc").get(30, java.util.concurrent.TimeUnit.SECONDS));

    assertThat(failure)
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void aGivenRateLimitCannotBeCombinedWithALimiterOfOnesOwn() {
    assertThatThrownBy(
            () ->
                PurgeClient.builder()
                    .privateKey("private_x")
                    .transport(transport)
                    .rateLimiter(limiter)
                    .rateLimit(10, Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rateLimiter");
  }

  @Test
  void aRateLimitOutOfRangeIsRefusedByName() {
    PurgeClient.Builder builder = PurgeClient.builder();
    assertThatThrownBy(() -> builder.rateLimit(0, Duration.ofSeconds(1)))
        .hasMessageContaining("requests must be at least 1");
    assertThatThrownBy(() -> builder.rateLimit(1, Duration.ZERO))
        .hasMessageContaining("interval must be positive");
    assertThatThrownBy(() -> builder.rateLimit(1, Duration.ofDays(366)))
        .hasMessageContaining("at most 365 days");
  }

  @Test
  void clientsOfOneAccountShareTheHoldOfA429() {
    String key = "private_shared_" + System.nanoTime();
    InMemoryTransport other = new InMemoryTransport();
    PurgeClient told =
        PurgeClient.builder()
            .privateKey(key)
            .transport(transport)
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
            .build();
    PurgeClient held =
        PurgeClient.builder()
            .privateKey(key)
            .transport(other)
            .callTimeout(Duration.ofSeconds(5))
            .build();
    transport.respond(
        TransportResponse.of(
            429, Headers.builder().add("X-RateLimit-Reset", "30000").build(), new byte[0]));

    assertThatThrownBy(() -> told.status("abc")).isInstanceOf(TooManyRequestsException.class);
    // The other client waits out the same hold: 30 s is past its 5 s deadline, so it gives up
    // before sending anything.
    assertThatThrownBy(() -> held.status("abc"))
        .isInstanceOf(ImageKitTimeoutException.class)
        .hasMessageContaining("rate limit");
    assertThat(other.requests()).isEmpty();
  }

  @Test
  void aGivenRateLimitPacesTheClientsOfTheAccount() {
    PurgeClient paced =
        PurgeClient.builder()
            .privateKey("private_paced_" + System.nanoTime())
            .transport(transport)
            .rateLimit(5, Duration.ofSeconds(1))
            .build();
    for (int i = 0; i < 3; i++) {
      transport.respond(200, "{\"status\":\"Completed\"}");
    }
    long started = System.nanoTime();

    for (int i = 0; i < 3; i++) {
      paced.status("abc");
    }

    // Three requests at five a second: the third goes 400 ms after the first, at the earliest.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  /** A limiter that hands out the waits it is given, then none, and records what it is told. */
  private static final class ScriptedLimiter implements RateLimiter {
    final Deque<Duration> waits = new ArrayDeque<>();
    final List<RateLimit> reported = new ArrayList<>();
    int reserved;
    boolean nullNext;

    @Override
    public synchronized Duration reserve(Duration maxWait) {
      reserved++;
      if (nullNext && waits.isEmpty()) {
        nullNext = false;
        return null;
      }
      return waits.isEmpty() ? Duration.ZERO : waits.poll();
    }

    @Override
    public synchronized void rateLimited(RateLimit limit) {
      reported.add(limit);
    }
  }
}
