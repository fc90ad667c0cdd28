package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.LibraryLoggingConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** HttpClient's header log shows redacted values; the transport's clients write no wire log. */
class ApacheLibraryLoggingConformanceTest extends LibraryLoggingConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }

  @Override
  protected String libraryLogger() {
    return "org.apache.hc.client5.http.headers";
  }
}
