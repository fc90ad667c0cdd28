package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;

/**
 * Provides {@link JdkHttpTransport} under the name {@code jdk}, at priority 200. Its blocking calls
 * run on the engine the system property {@code ikpurge.jdk.engine} names, read at each {@link
 * #create}: {@code url-connection} ({@link JdkHttpTransport.Engine#URL_CONNECTION}, the default) or
 * {@code http-client} ({@link JdkHttpTransport.Engine#HTTP_CLIENT}); asynchronous calls always run
 * on the JDK's HttpClient.
 */
public final class JdkTransportProvider implements TransportProvider {

  /** The name users select this transport by. */
  public static final String NAME = "jdk";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JdkTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public String artifact() {
    return "io.github.ikpurge:ikpurge-transport-jdk";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return JdkHttpTransport.create(
        options,
        JdkHttpTransport.Engine.named(System.getProperty(JdkHttpTransport.Engine.PROPERTY)));
  }
}
