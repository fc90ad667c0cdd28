package io.github.ikpurge.it;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.transport.jdk.JdkHttpTransport;
import io.github.ikpurge.transport.jdk.JdkTransportProvider;

/**
 * The JDK transport against the simulator in a container, its blocking calls on the JDK's
 * HttpClient ({@code ikpurge.jdk.engine=http-client}).
 */
final class JdkHttpClientTransportContainerTest extends TransportContainerTest {

  @Override
  protected TransportProvider provider() {
    JdkTransportProvider jdk = new JdkTransportProvider();
    return new TransportProvider() {
      @Override
      public String name() {
        return jdk.name();
      }

      @Override
      public int priority() {
        return jdk.priority();
      }

      @Override
      public String artifact() {
        return jdk.artifact();
      }

      @Override
      public HttpTransport create(TransportOptions options) {
        return JdkHttpTransport.create(options, JdkHttpTransport.Engine.HTTP_CLIENT);
      }
    };
  }
}
