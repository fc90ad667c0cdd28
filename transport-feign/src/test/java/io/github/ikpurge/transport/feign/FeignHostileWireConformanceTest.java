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
   * HttpURLConnection, under Feign's default client, skips 100 Continue only, and any number of
   * them: it takes any other 1xx for the final response, and cannot count the 100s (see
   * docs/errors.md).
   */
  @Override
  protected Optional<Outcome> knownDeviation(Case wireCase, boolean async) {
    return switch (wireCase.name()) {
      case "103 Early Hints before the response" -> Optional.of(Outcome.PROTOCOL);
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
  protected boolean leavesConnectionOpen(Case wireCase, Outcome outcome) {
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
