package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.PurgeClientConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApachePurgeClientConformanceTest extends PurgeClientConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
