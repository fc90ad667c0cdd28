package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.ResilienceConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** The client's resilience on the {@code jdk} provider's default engine, HttpURLConnection. */
class UrlConnectionResilienceConformanceTest extends ResilienceConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /** Blocking calls keep idle connections in HttpURLConnection's JVM-wide keep-alive cache. */
  @Override
  protected boolean idleConnectionsOutliveTheTransport() {
    return true;
  }
}
