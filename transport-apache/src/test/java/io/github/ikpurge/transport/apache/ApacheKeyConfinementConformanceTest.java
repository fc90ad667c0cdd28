package io.github.ikpurge.transport.apache;

import io.github.ikpurge.conformance.KeyConfinementConformanceTest;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportProvider;
import java.net.InetSocketAddress;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;

/** With callers' clients from {@code HttpClients.createDefault()}: redirects and retries on. */
class ApacheKeyConfinementConformanceTest extends KeyConfinementConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new ApacheTransportProvider();
  }

  @Override
  protected HttpTransport callersTransport() {
    return ApacheHttpTransport.create(
        closeLater(HttpClients.createDefault()), closeLater(HttpAsyncClients.createDefault()));
  }

  @Override
  protected HttpTransport callersTransportFollowingRedirects() {
    return callersTransport();
  }

  @Override
  protected HttpTransport callersTransportThrough(InetSocketAddress proxy) {
    HttpHost host = new HttpHost(proxy.getHostString(), proxy.getPort());
    return ApacheHttpTransport.create(
        closeLater(HttpClients.custom().setProxy(host).build()),
        closeLater(HttpAsyncClients.custom().setProxy(host).build()));
  }
}
