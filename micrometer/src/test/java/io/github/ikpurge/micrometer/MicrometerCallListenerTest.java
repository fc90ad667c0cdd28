package io.github.ikpurge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.CallObserver;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.Fault;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrometerCallListenerTest {

  private static final String URL = "https://ik.imagekit.io/demo/img/cat.jpg";

  private static final RetryPolicy FAST_RETRIES =
      RetryPolicy.builder()
          .maxAttempts(3)
          .baseDelay(Duration.ofMillis(5))
          .maxDelay(Duration.ofMillis(20))
          .build();

  private static final PollPolicy FAST_POLLS =
      PollPolicy.builder()
          .initialDelay(Duration.ofMillis(10))
          .multiplier(1)
          .maxDelay(Duration.ofMillis(10))
          .jitter(0)
          .build();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final Ends ends = new Ends();
  private ImageKitSimulator simulator;
  private PurgeClient client;

  @BeforeEach
  void start() {
    simulator = ImageKitSimulator.builder().completeAfterPolls(1).start();
    client = client(simulator.clientBuilder());
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  private PurgeClient client(PurgeClient.Builder builder) {
    return builder
        .transport("jdk")
        .retryPolicy(FAST_RETRIES)
        .pollPolicy(FAST_POLLS)
        // Ends comes second: it sees a call's end after the Micrometer listener recorded it.
        .listener(MicrometerCallListener.create(meters, observations))
        .listener(ends)
        .build();
  }

  @Test
  void timesASuccessfulPurgeAndStatusWithTheirTags() {
    PurgeRequestId id = client.purge(URL).requestId();
    assertThat(client.status(id).status()).isEqualTo(PurgeCacheStatus.PENDING);

    assertThat(callCount("purge", "success", "2xx")).isEqualTo(1);
    assertThat(callCount("status", "success", "2xx")).isEqualTo(1);
    assertThat(meters.get("ikpurge.calls").timers()).hasSize(2);
    assertThat(attemptCount("purge", "success", "2xx")).isEqualTo(1);
    assertThat(attemptCount("status", "success", "2xx")).isEqualTo(1);
    assertThat(meters.get("ikpurge.attempts").timers()).hasSize(2);
    assertThat(meters.find("ikpurge.retries").counters()).isEmpty();
    Timer purge =
        meters
            .get("ikpurge.calls")
            .tags("operation", "purge", "outcome", "success", "status.class", "2xx")
            .timer();
    assertThat(purge.getId().getTags())
        .containsExactlyInAnyOrder(
            Tag.of("operation", "purge"),
            Tag.of("outcome", "success"),
            Tag.of("status.class", "2xx"),
            Tag.of("transport", "jdk"));
    assertThat(purge.totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void retriesA503ThenCountsTheRetryWithItsReasonAndBothAttempts() {
    PurgeRequestId id = client.purge(URL).requestId();
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(503, "x", null));
    observations.clear();

    client.status(id);

    Counter retries = meters.get("ikpurge.retries").counter();
    assertThat(retries.count()).isEqualTo(1);
    assertThat(retries.getId().getTags())
        .containsExactlyInAnyOrder(
            Tag.of("operation", "status"),
            Tag.of("reason", "ServerError"),
            Tag.of("transport", "jdk"));
    assertThat(attemptCount("status", "ServerError", "5xx")).isEqualTo(1);
    assertThat(attemptCount("status", "success", "2xx")).isEqualTo(1);
    assertThat(callCount("status", "success", "2xx")).isEqualTo(1);
    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasContextualNameEqualTo("ikpurge status")
        .hasEvent("retry")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasLowCardinalityKeyValue("status.class", "2xx")
        .doesNotHaveError();
  }

  @Test
  void tagsA404WithItsErrorKindAndStatusClassAndDoesNotRetryIt() {
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(404, "No request found", null));

    assertThatThrownBy(() -> client.status("abc")).isInstanceOf(NotFoundException.class);

    assertThat(callCount("status", "NotFound", "4xx")).isEqualTo(1);
    assertThat(attemptCount("status", "NotFound", "4xx")).isEqualTo(1);
    assertThat(meters.find("ikpurge.retries").counters()).isEmpty();
  }

  @Test
  void tagsABodyCutOnEveryAttemptAsConnectionWithNoStatus() {
    PurgeRequestId id = client.purge(URL).requestId();
    simulator.enqueueFault(Endpoint.STATUS, Fault.CUT_BODY);
    simulator.enqueueFault(Endpoint.STATUS, Fault.CUT_BODY);
    simulator.enqueueFault(Endpoint.STATUS, Fault.CUT_BODY);

    assertThatThrownBy(() -> client.status(id)).isInstanceOf(ConnectionException.class);

    assertThat(callCount("status", "Connection", "none")).isEqualTo(1);
    assertThat(attemptCount("status", "Connection", "none")).isEqualTo(3);
    assertThat(
            meters
                .get("ikpurge.retries")
                .tags("operation", "status", "reason", "Connection")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void recordsAnAsynchronousCallWhenItEnds() throws Exception {
    PurgeRequestId id = client.async().purge(URL).get(10, TimeUnit.SECONDS).requestId();
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(503, "x", null));

    client.async().status(id).get(10, TimeUnit.SECONDS);
    ends.await(2);

    assertThat(callCount("purge", "success", "2xx")).isEqualTo(1);
    assertThat(callCount("status", "success", "2xx")).isEqualTo(1);
    assertThat(attemptCount("status", "ServerError", "5xx")).isEqualTo(1);
    assertThat(
            meters
                .get("ikpurge.retries")
                .tags("operation", "status", "reason", "ServerError")
                .counter()
                .count())
        .isEqualTo(1);
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo("ikpurge.call", 2)
        .forAllObservationsWithNameEqualTo(
            "ikpurge.call",
            observation -> observation.hasLowCardinalityKeyValue("outcome", "success"));
  }

  @Test
  void countsThePollsOfAWaitByTheStatusTheyFound() {
    PurgeRequestId id = client.purge(URL).requestId();

    assertThat(client.awaitCompletion(id, Duration.ofSeconds(10)).status())
        .isEqualTo(PurgeCacheStatus.COMPLETED);

    assertThat(meters.get("ikpurge.polls").tag("status", "Pending").counter().count()).isEqualTo(1);
    assertThat(meters.get("ikpurge.polls").tag("status", "Completed").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("ikpurge.polls").counters()).hasSize(2);
    assertThat(callCount("status", "success", "2xx")).isEqualTo(2);
  }

  @Test
  void keepsAStatusTheApiMayAddAsOther() {
    MicrometerCallListener listener = MicrometerCallListener.create(meters);

    listener.polled(
        new CallListener.Polled(
            PurgeRequestId.of("abc"), 1, PurgeCacheStatus.of("Queued-7f3a"), Duration.ZERO));

    assertThat(meters.get("ikpurge.polls").tag("status", "other").counter().count()).isEqualTo(1);
    assertThat(meters.get("ikpurge.polls").counters()).hasSize(1);
  }

  @Test
  void timesTheWaitsForARateLimitSlot() {
    try (PurgeClient paced = client(simulator.clientBuilder().rateLimiter(new FixedWait()))) {
      PurgeRequestId id = paced.purge(URL).requestId();
      paced.status(id);
    }

    for (String operation : new String[] {"purge", "status"}) {
      Timer waits = meters.get("ikpurge.rate.limit.waits").tag("operation", operation).timer();
      assertThat(waits.getId().getTags())
          .containsExactlyInAnyOrder(Tag.of("operation", operation), Tag.of("transport", "jdk"));
      assertThat(waits.count()).isEqualTo(1);
      assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(FixedWait.WAIT.toNanos());
    }
    assertThat(meters.get("ikpurge.rate.limit.waits").timers()).hasSize(2);
  }

  @Test
  void observesEachCallWithItsNamesAndKeyValues() {
    client.purge(URL);

    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasNameEqualTo("ikpurge.call")
        .hasContextualNameEqualTo("ikpurge purge")
        .hasBeenStarted()
        .hasBeenStopped()
        .doesNotHaveError()
        .doesNotHaveParentObservation()
        .hasLowCardinalityKeyValue("operation", "purge")
        .hasLowCardinalityKeyValue("transport", "jdk")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasLowCardinalityKeyValue("status.class", "2xx");
  }

  @Test
  void setsTheErrorOnTheObservationOfAFailedCall() {
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(404, "No request found", null));

    Throwable thrown = catchThrowable(() -> client.status("abc"));

    assertThat(thrown).isInstanceOf(NotFoundException.class);
    TestObservationRegistryAssert.assertThat(observations)
        .hasSingleObservationThat()
        .hasContextualNameEqualTo("ikpurge status")
        .hasBeenStopped()
        .hasError(thrown)
        .hasLowCardinalityKeyValue("outcome", "NotFound")
        .hasLowCardinalityKeyValue("status.class", "4xx");
  }

  @Test
  void makesTheCurrentObservationTheParentOfABlockingCall() {
    Observation parent = Observation.createNotStarted("request", observations);
    parent.observe(() -> client.purge(URL));

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("ikpurge.call")
        .that()
        .hasParentObservationEqualTo(parent)
        .hasBeenStopped();
  }

  @Test
  void makesTheCurrentObservationTheParentOfAnAsynchronousCall() throws Exception {
    Observation parent = Observation.createNotStarted("request", observations);
    // Only the start is inside the parent's scope; the call ends on another thread.
    CompletableFuture<PurgeResult> purge = parent.observe(() -> client.async().purge(URL));
    purge.get(10, TimeUnit.SECONDS);
    ends.await(1);

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("ikpurge.call")
        .that()
        .hasParentObservationEqualTo(parent)
        .hasBeenStopped();
  }

  @Test
  void tagsEveryMeterAndObservationWithLowCardinalityValuesOnly() throws Exception {
    PurgeRequestId id = client.purge(URL).requestId();
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(503, "x", null));
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(429, "slow down", null));
    client.awaitCompletion(id, Duration.ofSeconds(10));
    client.async().status(id).get(10, TimeUnit.SECONDS);
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.error(404, "No request found", null));
    assertThatThrownBy(() -> client.status(id)).isInstanceOf(NotFoundException.class);
    ends.await(5);

    Map<String, Set<String>> tags = new TreeMap<>();
    for (Meter meter : meters.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        tags.computeIfAbsent(tag.getKey(), key -> new TreeSet<>()).add(tag.getValue());
      }
    }
    assertThat(tags)
        .containsOnlyKeys("operation", "outcome", "status.class", "transport", "reason", "status");
    assertThat(tags.get("operation")).containsExactly("purge", "status");
    assertThat(tags.get("outcome"))
        .containsExactlyInAnyOrder("success", "ServerError", "TooManyRequests", "NotFound");
    assertThat(tags.get("status.class")).containsExactlyInAnyOrder("2xx", "4xx", "5xx");
    assertThat(tags.get("transport")).containsExactly("jdk");
    assertThat(tags.get("reason")).containsExactlyInAnyOrder("ServerError", "TooManyRequests");
    assertThat(tags.get("status")).containsExactlyInAnyOrder("Pending", "Completed");

    Set<String> keyValues = new HashSet<>();
    TestObservationRegistryAssert.assertThat(observations)
        .hasHandledContextsThatSatisfy(
            contexts ->
                contexts.stream()
                    .filter(context -> context.getName().equals("ikpurge.call"))
                    .forEach(
                        context -> {
                          assertThat(context.getHighCardinalityKeyValues()).isEmpty();
                          for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
                            keyValues.add(keyValue.getKey() + "=" + keyValue.getValue());
                          }
                        }));
    assertThat(keyValues)
        .containsExactlyInAnyOrder(
            "operation=purge",
            "operation=status",
            "transport=jdk",
            "outcome=success",
            "outcome=NotFound",
            "status.class=2xx",
            "status.class=4xx");
    assertThat(String.join(",", keyValues) + tags)
        .doesNotContain(id.value())
        .doesNotContain("imagekit.io")
        .doesNotContain(simulator.privateKey());
  }

  @Test
  void rejectsANullRegistry() {
    assertThatThrownBy(() -> MicrometerCallListener.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("registry");
    assertThatThrownBy(() -> MicrometerCallListener.create(meters, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("observations");
  }

  private double callCount(String operation, String outcome, String statusClass) {
    return count("ikpurge.calls", operation, outcome, statusClass);
  }

  private double attemptCount(String operation, String outcome, String statusClass) {
    return count("ikpurge.attempts", operation, outcome, statusClass);
  }

  private double count(String name, String operation, String outcome, String statusClass) {
    Timer timer =
        meters
            .find(name)
            .tags(
                "operation",
                operation,
                "outcome",
                outcome,
                "status.class",
                statusClass,
                "transport",
                "jdk")
            .timer();
    return timer == null ? 0 : timer.count();
  }

  /** Gives every request its slot after the same wait. */
  private static final class FixedWait implements RateLimiter {

    static final Duration WAIT = Duration.ofMillis(15);

    @Override
    public Duration reserve(Duration maxWait) {
      return WAIT;
    }

    @Override
    public void rateLimited(RateLimit limit) {}
  }

  /** Sees the end of each call, after the listeners registered before it. */
  private static final class Ends implements CallListener {

    private final BlockingQueue<CallObserver.CallEnded> ended = new LinkedBlockingQueue<>();

    @Override
    public CallObserver callStarted(CallStarted call) {
      return new CallObserver() {
        @Override
        public void callEnded(CallEnded call) {
          ended.add(call);
        }
      };
    }

    /** Waits until this many calls have ended in all. */
    void await(int calls) throws InterruptedException {
      for (int i = 0; i < calls; i++) {
        assertThat(ended.poll(10, TimeUnit.SECONDS)).as("call %d ended", i + 1).isNotNull();
      }
    }
  }
}
