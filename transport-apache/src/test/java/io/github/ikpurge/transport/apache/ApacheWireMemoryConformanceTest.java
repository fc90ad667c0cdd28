package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.WireMemoryConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApacheWireMemoryConformanceTest extends WireMemoryConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
