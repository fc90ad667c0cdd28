package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.BulkPurgeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApacheBulkPurgeConformanceTest extends BulkPurgeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
