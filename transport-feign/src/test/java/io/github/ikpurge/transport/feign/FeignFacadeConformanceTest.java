package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.FacadeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignFacadeConformanceTest extends FacadeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }
}
