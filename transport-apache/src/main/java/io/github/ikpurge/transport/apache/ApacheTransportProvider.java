package io.github.ikpurge.transport.apache;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;

/** Provides {@link ApacheHttpTransport} under the name {@code apache}, at priority 300. */
public final class ApacheTransportProvider implements TransportProvider {

  /** The name users select this transport by. */
  public static final String NAME = "apache";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public ApacheTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public String artifact() {
    return "io.github.ikpurge:ikpurge-transport-apache";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return ApacheHttpTransport.create(options);
  }
}
