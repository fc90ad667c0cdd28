package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.conformance.HostileWire.Outcome;
import io.github.ikpurge.conformance.HostileWireConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Optional;

class FeignHostileWireConformanceTest extends HostileWireConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  /**
   * HttpURLConnection, under Feign's default client, skips any number of 100 Continue responses,
   * which it cannot count; before Java 25 it takes any other 1xx for the final response (see
   * docs/errors.md).
   */
  @Override
  protected Optional<Outcome> knownDeviation(Case wireCase, boolean async) {
    return switch (wireCase.name()) {
      // Java 25's HttpURLConnection skips every 1xx; Java 17's only 100 (the two CI runs).
      case "103 Early Hints before the response" ->
          Runtime.version().feature() < 25 ? Optional.of(Outcome.PROTOCOL) : Optional.empty();
      case "9 unasked-for 100 Continue responses" -> Optional.of(Outcome.SUCCESS);
      default -> Optional.empty();
    };
  }

  /**
   * HttpURLConnection hands a keep-alive body aborted mid-way to its cleaner thread, which drains
   * what is left (up to {@code http.KeepAlive.remainingData}) before it closes or caches the
   * connection.
   */
  @Override
  protected boolean leavesConnectionOpen(Case wireCase, Outcome outcome, boolean async) {
    return outcome == Outcome.TIMEOUT && wireCase.name().contains("inside the body");
  }

  /**
   * Streaming a body, HttpURLConnection drops the body of a 401 or 407 (see FeignHttpTransport).
   */
  @Override
  protected boolean losesErrorBodyOnPost(int status) {
    return status == 401 || status == 407;
  }
}
