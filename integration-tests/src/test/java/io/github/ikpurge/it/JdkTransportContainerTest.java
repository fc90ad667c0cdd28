package io.github.ikpurge.it;

import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.transport.jdk.JdkTransportProvider;

/** The JDK HttpClient transport against the simulator in a container. */
final class JdkTransportContainerTest extends TransportContainerTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
