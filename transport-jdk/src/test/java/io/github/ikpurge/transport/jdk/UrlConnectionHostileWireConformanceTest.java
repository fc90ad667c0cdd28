package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.conformance.HostileWire.Outcome;
import io.github.ikpurge.conformance.HostileWireConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The hostile wire on the {@code jdk} provider's default engine: blocking calls on
 * HttpURLConnection, asynchronous ones on the JDK's HttpClient, each with its own library's
 * deviations (see docs/errors.md).
 */
class UrlConnectionHostileWireConformanceTest extends HostileWireConformanceTest {

  private static final Set<Outcome> UNPARSABLE =
      Set.of(
          Outcome.PROTOCOL,
          Outcome.HEADERS_TOO_LARGE,
          Outcome.CUT_SHORT,
          Outcome.ACCEPTED_OR_PROTOCOL);

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /**
   * Blocking calls only: HttpURLConnection skips any number of 100 Continue responses, which it
   * cannot count; before Java 25 it takes any other 1xx for the final response.
   */
  @Override
  protected Optional<Outcome> knownDeviation(Case wireCase, boolean async) {
    if (async) {
      return Optional.empty();
    }
    return switch (wireCase.name()) {
      // Java 25's HttpURLConnection skips every 1xx; Java 17's only 100 (the two CI runs).
      case "103 Early Hints before the response" ->
          Runtime.version().feature() < 25 ? Optional.of(Outcome.PROTOCOL) : Optional.empty();
      case "9 unasked-for 100 Continue responses" -> Optional.of(Outcome.SUCCESS);
      default -> Optional.empty();
    };
  }

  /**
   * Blocking calls: HttpURLConnection hands a keep-alive body aborted mid-way to its cleaner
   * thread, which drains what is left before it closes or caches the connection. Asynchronous
   * calls: the JDK's HttpClient keeps open the connection of a response it could not parse, and
   * Java 17's cannot be shut down (as for {@link JdkHostileWireConformanceTest}): on Java 17 and 20
   * for those alone.
   */
  @Override
  protected boolean leavesConnectionOpen(Case wireCase, Outcome outcome, boolean async) {
    return !async && outcome == Outcome.TIMEOUT && wireCase.name().contains("inside the body")
        || async && Runtime.version().feature() < 21 && UNPARSABLE.contains(outcome);
  }

  /** Streaming a body, HttpURLConnection drops the body of a 401 or 407 (blocking calls). */
  @Override
  protected boolean losesErrorBodyOnPost(int status) {
    return status == 401 || status == 407;
  }
}
