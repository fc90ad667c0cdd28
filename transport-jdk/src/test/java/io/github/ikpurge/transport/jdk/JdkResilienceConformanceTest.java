package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.ResilienceConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class JdkResilienceConformanceTest extends ResilienceConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }
}
