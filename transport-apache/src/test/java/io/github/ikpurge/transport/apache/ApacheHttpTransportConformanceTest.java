package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.HttpTransportConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApacheHttpTransportConformanceTest extends HttpTransportConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
