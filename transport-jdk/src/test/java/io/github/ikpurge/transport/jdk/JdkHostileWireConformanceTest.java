package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.conformance.HostileWire.Outcome;
import io.github.ikpurge.conformance.HostileWireConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Set;

class JdkHostileWireConformanceTest extends HostileWireConformanceTest {

  private static final Set<Outcome> UNPARSABLE =
      Set.of(
          Outcome.PROTOCOL,
          Outcome.HEADERS_TOO_LARGE,
          Outcome.CUT_SHORT,
          Outcome.ACCEPTED_OR_PROTOCOL);

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }

  /**
   * The JDK's client keeps open the connection of a response it could not parse. The transport
   * retires that client, which Java 21 and later shut down at once; Java 17's cannot be shut down
   * (see docs/errors.md).
   */
  @Override
  protected boolean leavesConnectionOpen(Case wireCase, Outcome outcome, boolean async) {
    return Runtime.version().feature() < 21 && UNPARSABLE.contains(outcome);
  }
}
