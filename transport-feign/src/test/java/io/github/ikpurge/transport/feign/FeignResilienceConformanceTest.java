package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.ResilienceConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class FeignResilienceConformanceTest extends ResilienceConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  /** Feign's default client keeps idle connections in HttpURLConnection's JVM-wide cache. */
  @Override
  protected boolean idleConnectionsOutliveTheTransport() {
    return true;
  }
}
