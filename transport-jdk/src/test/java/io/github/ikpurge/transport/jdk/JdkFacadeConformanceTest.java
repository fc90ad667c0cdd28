package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.FacadeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

class JdkFacadeConformanceTest extends FacadeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
