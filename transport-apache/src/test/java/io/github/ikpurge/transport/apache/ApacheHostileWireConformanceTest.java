package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.conformance.HostileWire.Outcome;
import io.github.ikpurge.conformance.HostileWireConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Optional;

class ApacheHostileWireConformanceTest extends HostileWireConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }

  /**
   * HttpClient's async client skips unasked-for 100 Continue responses inside its HTTP/1.1 stream
   * handler, before any callback the transport can see: it takes any number of them, until the
   * deadline (see docs/errors.md).
   */
  @Override
  protected Optional<Outcome> knownDeviation(Case wireCase, boolean async) {
    if (!async) {
      return Optional.empty();
    }
    return switch (wireCase.name()) {
      case "9 unasked-for 100 Continue responses" -> Optional.of(Outcome.SUCCESS);
      case "endless 100 Continue responses" -> Optional.of(Outcome.TIMEOUT);
      default -> Optional.empty();
    };
  }
}
