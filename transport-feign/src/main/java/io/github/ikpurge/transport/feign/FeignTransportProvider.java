package io.github.ikpurge.transport.feign;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;

/** Provides {@link FeignHttpTransport} on Feign's default client under the name {@code feign}. */
public final class FeignTransportProvider implements TransportProvider {

  /** The name users select this transport by. */
  public static final String NAME = "feign";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public FeignTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** {@return 100: below the Apache (300) and JDK (200) transports when several are present} */
  @Override
  public int priority() {
    return 100;
  }

  @Override
  public String artifact() {
    return "io.github.ikpurge:ikpurge-transport-feign";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return FeignHttpTransport.create(options);
  }
}
