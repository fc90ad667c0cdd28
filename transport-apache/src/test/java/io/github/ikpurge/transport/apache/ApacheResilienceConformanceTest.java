package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.ResilienceConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApacheResilienceConformanceTest extends ResilienceConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
