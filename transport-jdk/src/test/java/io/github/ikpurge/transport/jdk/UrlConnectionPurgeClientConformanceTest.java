package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.PurgeClientConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** The suite on the {@code jdk} provider's default engine: blocking calls on HttpURLConnection. */
class UrlConnectionPurgeClientConformanceTest extends PurgeClientConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
