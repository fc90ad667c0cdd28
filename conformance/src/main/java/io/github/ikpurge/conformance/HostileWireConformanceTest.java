package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.conformance.HostileWire.Outcome;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client on a transport against a peer that breaks HTTP on the wire: every case of {@link
 * HostileWire} ends in its one documented outcome, sync and async, for a status query and a purge,
 * within the call's deadline plus a second, with exactly as many requests on the wire as the engine
 * made attempts, and with the connection closed when its response could not be trusted. A transport
 * module extends this class and implements {@link #provider()}.
 */
public abstract class HostileWireConformanceTest {

  private static final String KEY = "private_hostile_wire";
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Room for three stalled attempts of {@link #ATTEMPT_TIMEOUT} on a busy machine, where an
   * attempt's end may come seconds late: the count of requests, not the timing, is checked here.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(1);

  /**
   * Generous: a connection is closed at once, but a loaded machine may take its time, and
   * HttpURLConnection closes one it put back in its keep-alive cache after 5 seconds idle.
   */
  private static final Duration CONNECTION_CLOSE_WAIT = Duration.ofSeconds(10);

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /**
   * Returns the outcome this transport gives for a case where its library cannot give the common
   * one, documented in {@code docs/errors.md}; empty for every other case.
   *
   * @param wireCase the case
   * @param async whether the call is asynchronous
   * @return the transport's own outcome, or empty
   */
  protected Optional<Outcome> knownDeviation(Case wireCase, boolean async) {
    return Optional.empty();
  }

  /**
   * Returns whether this transport's library drops the body of an error response of this status to
   * a request with a body, as documented for the transport; false by default.
   *
   * @param status the error status
   * @return whether the raw body may be empty
   */
  protected boolean losesErrorBodyOnPost(int status) {
    return false;
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  static Stream<Arguments> answeredCases() {
    return cases(false);
  }

  static Stream<Arguments> stalledCases() {
    return cases(true);
  }

  private static Stream<Arguments> cases(boolean stalled) {
    List<Case> chosen =
        HostileWire.cases().stream()
            .filter(wireCase -> (wireCase.outcome() == Outcome.TIMEOUT) == stalled)
            .toList();
    return Combinations.of(chosen, List.of(false, true), List.of(false, true));
  }

  @ParameterizedTest(name = "{0}, purge={1}, async={2}")
  @MethodSource("answeredCases")
  void eachWireFaultEndsInItsOneOutcomeWithTheEnginesAttemptsOnTheWire(
      Case wireCase, boolean post, boolean async) throws Exception {
    check(wireCase, post, async);
  }

  /**
   * The cases a peer never finishes answering: each waits out every attempt's timeout (about six
   * seconds a run), so they carry the {@code slow} tag, which the mutation run leaves out.
   */
  @Tag("slow")
  @ParameterizedTest(name = "{0}, purge={1}, async={2}")
  @MethodSource("stalledCases")
  void eachStalledWireFaultEndsInATimeoutWithTheEnginesAttemptsOnTheWire(
      Case wireCase, boolean post, boolean async) throws Exception {
    check(wireCase, post, async);
  }

  private void check(Case wireCase, boolean post, boolean async) throws Exception {
    HostilePeer peer = closeLater(HostilePeer.start(wireCase.script()));
    HttpTransport transport = closeLater(provider().create(TransportOptions.defaults()));
    PurgeClient client = closeLater(client(transport, peer));

    long started = System.nanoTime();
    Throwable failure = EngineCalls.call(client, post, async);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    Outcome expected = knownDeviation(wireCase, async).orElse(wireCase.outcome());
    String where = wireCase + (post ? " on a purge" : " on a status query");
    boolean accepted =
        expected == Outcome.SUCCESS
            || (expected == Outcome.ACCEPTED_OR_PROTOCOL && failure == null);
    boolean mustClose =
        !wireCase.reusable() && !accepted && !leavesConnectionOpen(wireCase, expected, async);
    boolean closed = !mustClose || peer.awaitNoOpenConnections(CONNECTION_CLOSE_WAIT);
    System.out.printf(
        "hostile-wire %s %s %s %s -> %s; %d requests, %d connections%s, %d ms%n",
        provider().name(),
        async ? "async" : "sync",
        post ? "POST" : "GET",
        wireCase,
        failure == null ? "success" : describe(failure),
        peer.requests(),
        peer.connections(),
        closed ? "" : " LEFT OPEN",
        elapsed.toMillis());
    expected.check(where, failure, post && losesErrorBodyOnPost(statusOf(failure)));
    assertThat(elapsed).as("%s: time taken", where).isLessThan(CALL_TIMEOUT.plus(DEADLINE_MARGIN));
    int attempts = expected.retried(post) && !accepted ? MAX_ATTEMPTS : 1;
    OptionalInt resent = EngineCalls.resentUpTo(failure);
    if (resent.isPresent()) {
      // The library sent an attempt twice by itself: the engine counted both sends, retried only
      // within its budget, and the wire saw exactly what it counted.
      int counted = resent.getAsInt();
      assertThat(counted)
          .as("%s: the engine's count of requests sent", where)
          .isLessThanOrEqualTo(expected.retried(post) ? MAX_ATTEMPTS : 2);
      attempts = counted;
    }
    assertThat(peer.requests()).as("%s: requests on the wire", where).isEqualTo(attempts);
    if (mustClose) {
      assertThat(closed)
          .as("%s: the client closed the connection it could not trust", where)
          .isTrue();
    }
  }

  /**
   * Returns whether this transport's library keeps the connection of a response it could not trust
   * open for longer than the suite waits, as documented in {@code docs/errors.md}; false by
   * default.
   *
   * @param wireCase the case
   * @param outcome the outcome the call ended in
   * @param async whether the call was asynchronous
   * @return whether the connection may stay open
   */
  protected boolean leavesConnectionOpen(Case wireCase, Outcome outcome, boolean async) {
    return false;
  }

  private PurgeClient client(HttpTransport transport, HostilePeer peer) {
    return PurgeClient.builder()
        .baseUri(peer.uri())
        .privateKey(KEY)
        .transport(transport)
        .attemptTimeout(ATTEMPT_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(MAX_ATTEMPTS)
                .baseDelay(Duration.ofMillis(5))
                .maxDelay(Duration.ofMillis(20))
                .build())
        .build();
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  private static int statusOf(Throwable failure) {
    return failure instanceof ApiException api ? api.statusCode() : 0;
  }

  private static String describe(Throwable failure) {
    String detail = "";
    if (failure instanceof ConnectionException connection) {
      detail = "(" + connection.reason() + ")";
    } else if (failure instanceof TooManyRequestsException limited) {
      detail = "(wait " + limited.rateLimit().requestedWait().orElse(null) + ")";
    } else if (failure instanceof ApiException api) {
      detail = "(" + api.statusCode() + ")";
    }
    String message = failure.getMessage();
    if (!(failure instanceof ImageKitException)) {
      message = failure.toString();
    }
    return failure.getClass().getSimpleName() + detail + ": " + message;
  }
}
