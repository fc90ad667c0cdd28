package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.BulkPurgeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignBulkPurgeConformanceTest extends BulkPurgeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }
}
