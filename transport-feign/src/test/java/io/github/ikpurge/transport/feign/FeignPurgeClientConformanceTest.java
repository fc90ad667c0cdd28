package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.PurgeClientConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignPurgeClientConformanceTest extends PurgeClientConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }
}
