package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.PurgeClientConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class JdkPurgeClientConformanceTest extends PurgeClientConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }
}
