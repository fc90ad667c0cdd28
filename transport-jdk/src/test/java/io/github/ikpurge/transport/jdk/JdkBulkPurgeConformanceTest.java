package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.BulkPurgeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class JdkBulkPurgeConformanceTest extends BulkPurgeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }
}
