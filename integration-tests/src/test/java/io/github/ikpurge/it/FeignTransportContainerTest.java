package io.github.ikpurge.it;

import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.transport.feign.FeignTransportProvider;

/** The OpenFeign transport against the simulator in a container. */
final class FeignTransportContainerTest extends TransportContainerTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  /**
   * No: the transport sends a body in HttpURLConnection's streaming mode, so that a dropped
   * connection never makes it send a purge twice, and in that mode a 401 comes back without its
   * body (as the transport's {@code UrlConnectionClient} notes).
   */
  @Override
  protected boolean keepsTheBodyOfA401ToAPurge() {
    return false;
  }
}
