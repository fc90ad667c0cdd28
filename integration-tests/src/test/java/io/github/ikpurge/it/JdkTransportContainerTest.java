package io.github.ikpurge.it;

import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.transport.jdk.JdkTransportProvider;

/**
 * The JDK transport against the simulator in a container, its blocking calls on its default engine,
 * HttpURLConnection.
 */
final class JdkTransportContainerTest extends TransportContainerTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /**
   * No: the transport streams a purge's body in HttpURLConnection's streaming mode, so that a
   * dropped connection never makes it send a purge twice, and in that mode a 401 comes back without
   * its body (see docs/errors.md).
   */
  @Override
  protected boolean keepsTheBodyOfA401ToAPurge() {
    return false;
  }
}
