package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.FacadeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class ApacheFacadeConformanceTest extends FacadeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
