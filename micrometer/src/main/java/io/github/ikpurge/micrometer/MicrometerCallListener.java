package io.github.ikpurge.micrometer;

import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * Records a client's calls in Micrometer: the timers {@code ikpurge.calls}, {@code
 * ikpurge.attempts} and {@code ikpurge.rate.limit.waits}, the counters {@code ikpurge.retries} and
 * {@code ikpurge.polls}, and, given an {@link ObservationRegistry}, one {@code ikpurge.call}
 * observation per call, started on the caller's thread so that a current observation becomes its
 * parent. Every tag has a small fixed set of values (never a URL, an id or a message); {@code
 * docs/metrics.md} lists them.
 *
 * <p>Register it with {@code
 * PurgeClient.builder().listener(MicrometerCallListener.create(registry))}. Thread-safe; one
 * instance may serve any number of clients.
 */
public final class MicrometerCallListener implements CallListener {

  private static final String OPERATION = "operation";
  private static final String TRANSPORT = "transport";
  private static final String OUTCOME = "outcome";
  private static final String STATUS_CLASS = "status.class";
  private static final Observation.Event RETRY = Observation.Event.of("retry", "retry");

  private final Meter.MeterProvider<Timer> calls;
  private final Meter.MeterProvider<Timer> attempts;
  private final Meter.MeterProvider<Counter> retries;
  private final Meter.MeterProvider<Timer> rateLimitWaits;
  private final Meter.MeterProvider<Counter> polls;
  private final ObservationRegistry observations;

  private MicrometerCallListener(MeterRegistry registry, ObservationRegistry observations) {
    this.calls =
        Timer.builder("ikpurge.calls")
            .description("Calls to ImageKit's purge API, retries and waits included")
            .withRegistry(registry);
    this.attempts =
        Timer.builder("ikpurge.attempts")
            .description("Attempts of calls to ImageKit's purge API, each one request")
            .withRegistry(registry);
    this.retries =
        Counter.builder("ikpurge.retries")
            .description("Retries of calls to ImageKit's purge API, by the error retried")
            .withRegistry(registry);
    this.rateLimitWaits =
        Timer.builder("ikpurge.rate.limit.waits")
            .description("Waits of attempts for their rate-limit slot before they are sent")
            .withRegistry(registry);
    this.polls =
        Counter.builder("ikpurge.polls")
            .description("Polls of a purge's status while waiting for its completion")
            .withRegistry(registry);
    this.observations = observations;
  }

  /**
   * Creates a listener that records meters only.
   *
   * @param registry where the meters go
   * @return the listener
   * @throws NullPointerException if {@code registry} is null
   */
  public static MicrometerCallListener create(MeterRegistry registry) {
    return create(registry, ObservationRegistry.NOOP);
  }

  /**
   * Creates a listener that records meters and an {@code ikpurge.call} observation per call.
   *
   * @param registry where the meters go
   * @param observations where the observations go
   * @return the listener
   * @throws NullPointerException if an argument is null
   */
  public static MicrometerCallListener create(
      MeterRegistry registry, ObservationRegistry observations) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(observations, "observations");
    return new MicrometerCallListener(registry, observations);
  }

  /**
   * Starts the call's observation, on the caller's thread, and returns what records the rest.
   *
   * @param call what the call is
   * @return the call's observer
   */
  @Override
  public CallObserver callStarted(CallStarted call) {
    String operation = Kinds.operation(call.operation());
    Observation observation =
        Observation.createNotStarted("ikpurge.call", observations)
            .contextualName("ikpurge " + operation)
            .lowCardinalityKeyValue(OPERATION, operation)
            .lowCardinalityKeyValue(TRANSPORT, call.transport())
            .start();
    return new Observer(operation, call.transport(), observation);
  }

  /**
   * Counts the poll by the status it found.
   *
   * @param event the poll
   */
  @Override
  public void polled(Polled event) {
    polls.withTag("status", Kinds.pollStatus(event.status())).increment();
  }

  @Override
  public String toString() {
    return "MicrometerCallListener";
  }

  /** One call's meters and observation. The engine calls it one step at a time. */
  private final class Observer implements CallObserver {

    private final String operation;
    private final String transport;
    private final Observation observation;

    Observer(String operation, String transport, Observation observation) {
      this.operation = operation;
      this.transport = transport;
      this.observation = observation;
    }

    @Override
    public void rateLimitWait(Duration wait) {
      rateLimitWaits.withTags(OPERATION, operation, TRANSPORT, transport).record(wait);
    }

    @Override
    public void attemptEnded(AttemptEnded attempt) {
      int status = attempt.statusCode().orElse(0);
      String outcome =
          status != 0
              ? Kinds.ofStatus(status)
              : attempt.failure().map(Kinds::ofFailure).orElse(Kinds.OTHER);
      attempts
          .withTags(
              OPERATION,
              operation,
              STATUS_CLASS,
              Kinds.statusClass(status),
              OUTCOME,
              outcome,
              TRANSPORT,
              transport)
          .record(attempt.duration());
    }

    @Override
    public void retryScheduled(RetryScheduled retry) {
      retries
          .withTags(
              OPERATION, operation, "reason", Kinds.ofFailure(retry.reason()), TRANSPORT, transport)
          .increment();
      observation.event(RETRY);
    }

    @Override
    public void callEnded(CallEnded call) {
      Throwable failure = call.failure().map(Kinds::unwrap).orElse(null);
      String outcome = failure == null ? Kinds.SUCCESS : Kinds.ofFailure(failure);
      String statusClass = Kinds.statusClass(call.statusCode().orElse(0));
      calls
          .withTags(
              OPERATION,
              operation,
              OUTCOME,
              outcome,
              STATUS_CLASS,
              statusClass,
              TRANSPORT,
              transport)
          .record(call.duration());
      observation.lowCardinalityKeyValue(OUTCOME, outcome);
      observation.lowCardinalityKeyValue(STATUS_CLASS, statusClass);
      if (failure != null) {
        observation.error(failure);
      }
      observation.stop();
    }
  }
}
