package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.ResilienceConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignResilienceConformanceTest extends ResilienceConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }
}
