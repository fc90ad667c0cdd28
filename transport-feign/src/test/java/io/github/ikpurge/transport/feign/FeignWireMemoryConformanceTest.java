package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.WireMemoryConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignWireMemoryConformanceTest extends WireMemoryConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }
}
