package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.FacadeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** The facade on the {@code jdk} provider's default engine, HttpURLConnection. */
class UrlConnectionFacadeConformanceTest extends FacadeConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
