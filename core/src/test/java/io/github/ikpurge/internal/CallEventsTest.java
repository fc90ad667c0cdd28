package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.CallObserver;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CallEventsTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";
  private static final String ID = "5e21880d5efe355febd4bccd";

  private final InMemoryTransport transport = new InMemoryTransport("memory");
  private final Recorder recorder = new Recorder("");

  /** Writes each event as a line, the call's thread on its start. */
  private static final class Recorder implements CallListener {
    final String name;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Thread> startThreads = new CopyOnWriteArrayList<>();
    final List<CallObserver.CallEnded> ends = new CopyOnWriteArrayList<>();

    Recorder(String name) {
      this.name = name;
    }

    @Override
    public CallObserver callStarted(CallStarted call) {
      startThreads.add(Thread.currentThread());
      lines.add(name + "start " + call.operation() + " on " + call.transport());
      return new CallObserver() {
        @Override
        public void rateLimitWait(Duration wait) {
          lines.add(name + "wait " + wait.toMillis() + " ms");
        }

        @Override
        public void attemptEnded(AttemptEnded attempt) {
          lines.add(
              name
                  + "attempt "
                  + attempt.attempt()
                  + " requests "
                  + attempt.requests()
                  + (attempt.statusCode().isPresent()
                      ? " status " + attempt.statusCode().getAsInt()
                      : " failed " + attempt.failure().orElseThrow().getClass().getSimpleName()));
        }

        @Override
        public void retryScheduled(RetryScheduled retry) {
          lines.add(
              name
                  + "retry after "
                  + retry.failedAttempt()
                  + " because "
                  + retry.reason().getClass().getSimpleName());
        }

        @Override
        public void callEnded(CallEnded ended) {
          ends.add(ended);
          lines.add(
              name
                  + "end attempts "
                  + ended.attempts()
                  + " status "
                  + (ended.statusCode().isPresent() ? ended.statusCode().getAsInt() : "none")
                  + ended.failure().map(f -> " " + f.getClass().getSimpleName()).orElse(""));
        }
      };
    }

    @Override
    public void polled(Polled event) {
      lines.add(name + "poll " + event.poll() + " " + event.status().value());
    }
  }

  private PurgeClient.Builder client() {
    return PurgeClient.builder()
        .privateKey("private_test_" + System.nanoTime())
        .transport(transport)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .baseDelay(Duration.ZERO)
                .maxDelay(Duration.ZERO)
                .build())
        .listener(recorder);
  }

  @Test
  void aStatusQueryRetriedAfterA503ReportsEachAttemptTheRetryAndItsEnd() {
    transport.respond(503, "{\"message\":\"busy\"}").respond(200, "{\"status\":\"Pending\"}");
    try (PurgeClient client = client().build()) {
      client.status(ID);
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory",
            "attempt 1 requests 1 status 503",
            "retry after 1 because InternalServerException",
            "attempt 2 requests 1 status 200",
            "end attempts 2 status 200");
    assertThat(recorder.ends.get(0).failure()).isEmpty();
  }

  @Test
  void aCallThatFailsForGoodEndsWithItsErrorAndLastStatus() {
    transport.respond(400, "{\"message\":\"Invalid url\"}");
    try (PurgeClient client = client().build()) {
      assertThatThrownBy(() -> client.purge(URL)).isExactlyInstanceOf(BadRequestException.class);
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start PURGE on memory",
            "attempt 1 requests 1 status 400",
            "end attempts 1 status 400 BadRequestException");
    assertThat(recorder.ends.get(0).failure()).containsInstanceOf(BadRequestException.class);
    assertThat(recorder.ends.get(0).duration()).isPositive();
  }

  @Test
  void anAttemptWithoutResponseHasItsFailureAndTheRequestsItsLibrarySent() {
    // Two requests on the wire leave one of the three attempts: too few for a library that may
    // send twice again, so the call ends.
    transport.failSentTwice(Kind.CONNECT);
    try (PurgeClient client = client().build()) {
      assertThatThrownBy(() -> client.status(ID)).isExactlyInstanceOf(ConnectionException.class);
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory",
            "attempt 1 requests 2 failed HttpTransportException",
            "end attempts 2 status none ConnectionException");
  }

  @Test
  void aWaitForARateLimitSlotIsReportedBeforeTheAttempt() {
    RateLimiter slow =
        new RateLimiter() {
          @Override
          public Duration reserve(Duration maxWait) {
            return Duration.ofMillis(5);
          }

          @Override
          public void rateLimited(RateLimit limit) {}
        };
    try (PurgeClient client = client().rateLimiter(slow).build()) {
      client.status(PurgeRequestId.of(ID));
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory",
            "wait 5 ms",
            "attempt 1 requests 1 status 200",
            "end attempts 1 status 200");
  }

  @Test
  void anAsynchronousCallStartsOnTheCallersThreadAndEndsOnce() {
    transport.respond(500, "{}").respond(200, "{}").respond(400, "{\"message\":\"Invalid url\"}");
    try (PurgeClient client = client().build()) {
      client.async().status(PurgeRequestId.of(ID)).exceptionally(e -> null).join();
      assertThatThrownBy(() -> client.async().purge(URL).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseExactlyInstanceOf(BadRequestException.class);
    }
    assertThat(recorder.startThreads).containsOnly(Thread.currentThread()).hasSize(2);
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory",
            "attempt 1 requests 1 status 500",
            "retry after 1 because InternalServerException",
            "attempt 2 requests 1 status 200",
            "end attempts 2 status 200 MalformedResponseException",
            "start PURGE on memory",
            "attempt 1 requests 1 status 400",
            "end attempts 1 status 400 BadRequestException");
  }

  @Test
  void aWaitForCompletionReportsEachPollAfterItsStatusCall() {
    transport.respond(200, "{\"status\":\"Pending\"}").respond(200, "{\"status\":\"Completed\"}");
    PollPolicy fast =
        PollPolicy.builder()
            .initialDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(1))
            .build();
    List<Integer> ownPolls = new ArrayList<>();
    try (PurgeClient client = client().pollPolicy(fast).build()) {
      client.awaitCompletion(
          PurgeRequestId.of(ID), Duration.ofSeconds(30), e -> ownPolls.add(e.poll()));
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory",
            "attempt 1 requests 1 status 200",
            "end attempts 1 status 200",
            "poll 1 Pending",
            "start STATUS on memory",
            "attempt 1 requests 1 status 200",
            "end attempts 1 status 200",
            "poll 2 Completed");
    assertThat(ownPolls).containsExactly(1, 2);
  }

  @Test
  void listenersAreCalledInOrderAndOneThatThrowsChangesNothing() {
    Recorder second = new Recorder("second ");
    CallListener throwing =
        call ->
            new CallObserver() {
              @Override
              public void attemptEnded(AttemptEnded attempt) {
                throw new IllegalStateException("a broken listener");
              }

              @Override
              public void callEnded(CallEnded ended) {
                throw new IllegalStateException("a broken listener");
              }
            };
    CallListener throwsOnStart =
        call -> {
          throw new IllegalStateException("a broken listener");
        };
    try (PurgeClient client =
        client().listener(throwing).listener(throwsOnStart).listener(second).build()) {
      assertThat(client.status(ID).status().isCompleted()).isTrue();
    }
    assertThat(recorder.lines).hasSize(3);
    assertThat(second.lines)
        .containsExactly(
            "second start STATUS on memory",
            "second attempt 1 requests 1 status 200",
            "second end attempts 1 status 200");
  }

  @Test
  void anAsynchronousCallIsReportedEndedBeforeItsFutureCompletes() {
    List<String> seenByTheNextStage;
    try (PurgeClient client = client().build()) {
      seenByTheNextStage =
          client.async().status(ID).thenApply(result -> List.copyOf(recorder.lines)).join();
    }
    assertThat(seenByTheNextStage).endsWith("end attempts 1 status 200");
  }

  @Test
  void aCancelledAsynchronousCallEndsOnceAndNothingIsReportedAfter() throws Exception {
    transport.stall();
    try (PurgeClient client = client().build()) {
      CompletableFuture<?> call = client.async().status(ID);
      transport.awaitArrivals(1);

      call.cancel(true);

      assertThat(transport.exchanges().get(0).isCancelled()).isTrue();
    }
    assertThat(recorder.lines)
        .containsExactly(
            "start STATUS on memory", "end attempts 0 status none CancellationException");
  }

  @Test
  void aListenerThatThrowsAnErrorChangesNoOutcomeBlockingOrNot() {
    CallListener failing =
        new CallListener() {
          @Override
          public CallObserver callStarted(CallStarted call) {
            return new CallObserver() {
              @Override
              public void rateLimitWait(Duration wait) {
                throw new AssertionError("rateLimitWait");
              }

              @Override
              public void attemptEnded(AttemptEnded attempt) {
                throw new AssertionError("attemptEnded");
              }

              @Override
              public void retryScheduled(RetryScheduled retry) {
                throw new AssertionError("retryScheduled");
              }

              @Override
              public void callEnded(CallEnded ended) {
                throw new AssertionError("callEnded");
              }
            };
          }

          @Override
          public void polled(Polled poll) {
            throw new AssertionError("polled");
          }
        };
    RateLimiter paced =
        new RateLimiter() {
          @Override
          public Duration reserve(Duration maxWait) {
            return Duration.ofMillis(1);
          }

          @Override
          public void rateLimited(RateLimit limit) {}
        };
    transport
        .respond(503, "{}")
        .respond(200, "{\"status\":\"Completed\"}")
        .respond(503, "{}")
        .respond(200, "{\"status\":\"Completed\"}")
        .respond(400, "{\"message\":\"Invalid url\"}")
        .respond(400, "{\"message\":\"Invalid url\"}");
    try (PurgeClient client = client().listener(failing).rateLimiter(paced).build()) {
      assertThat(client.awaitCompletion(ID).status().isCompleted()).isTrue();
      assertThat(client.async().awaitCompletion(ID).join().status().isCompleted()).isTrue();
      assertThatThrownBy(() -> client.purge(URL)).isExactlyInstanceOf(BadRequestException.class);
      assertThatThrownBy(() -> client.async().purge(URL).join())
          .hasCauseExactlyInstanceOf(BadRequestException.class);
    }
    // The well-behaved listener beside it sees every event: 8 lines for each wait (two attempts,
    // each after its wait, a retry between, the end and the poll), 4 for each purge.
    assertThat(recorder.lines).contains("poll 1 Completed").hasSize(8 + 8 + 4 + 4);
  }
}
