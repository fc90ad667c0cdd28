package io.github.ikpurge.it;

import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.transport.apache.ApacheTransportProvider;

/** The Apache HttpClient 5 transport against the simulator in a container. */
final class ApacheTransportContainerTest extends TransportContainerTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }
}
