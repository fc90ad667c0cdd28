package io.github.ikpurge.transport.feign;

import feign.Client;
import io.github.ikpurge.conformance.KeyConfinementConformanceTest;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.net.InetSocketAddress;
import java.net.Proxy;

/** With callers' clients of Feign's own: {@code Client.Default} and {@code Client.Proxied}. */
class FeignKeyConfinementConformanceTest extends KeyConfinementConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  @Override
  protected HttpTransport callersTransport() {
    return FeignHttpTransport.create(new Client.Default(null, null), TransportOptions.defaults());
  }

  /** Feign's client follows redirects unless the request's options say not to. */
  @Override
  protected HttpTransport callersTransportFollowingRedirects() {
    return callersTransport();
  }

  @Override
  protected HttpTransport callersTransportThrough(InetSocketAddress proxy) {
    return FeignHttpTransport.create(
        new Client.Proxied(null, null, new Proxy(Proxy.Type.HTTP, proxy)),
        TransportOptions.defaults());
  }
}
