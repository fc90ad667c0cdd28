package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.BulkPurgeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** The suite on the {@code jdk} provider's default engine: blocking calls on HttpURLConnection. */
class UrlConnectionBulkPurgeConformanceTest extends BulkPurgeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
