package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.KeyConfinementConformanceTest;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportProvider;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;

class JdkKeyConfinementConformanceTest extends KeyConfinementConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }

  @Override
  protected HttpTransport callersTransport() {
    return JdkHttpTransport.create(HttpClient.newHttpClient());
  }

  @Override
  protected HttpTransport callersTransportFollowingRedirects() {
    return JdkHttpTransport.create(
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build());
  }

  @Override
  protected HttpTransport callersTransportThrough(InetSocketAddress proxy) {
    return JdkHttpTransport.create(HttpClient.newBuilder().proxy(ProxySelector.of(proxy)).build());
  }
}
