package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;

/**
 * The {@code jdk} provider with blocking calls on the HttpClient engine, so that the {@code Jdk*}
 * suites keep covering it now that HttpURLConnection is the default. Public with a public
 * constructor: the suites that fork a JVM load it by name.
 */
public final class HttpClientEngineProvider implements TransportProvider {

  private final JdkTransportProvider provider = new JdkTransportProvider();

  /** Creates the provider. */
  public HttpClientEngineProvider() {}

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public int priority() {
    return provider.priority();
  }

  @Override
  public String artifact() {
    return provider.artifact();
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return JdkHttpTransport.create(options, JdkHttpTransport.Engine.HTTP_CLIENT);
  }
}
