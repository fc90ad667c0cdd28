package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.HttpTransportConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.Optional;

class FeignHttpTransportConformanceTest extends HttpTransportConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  /**
   * None: Feign's default client pools nothing itself. HttpURLConnection keeps idle connections in
   * one keep-alive cache for the whole JVM, unreachable once a response is closed; they close on
   * the JDK's keep-alive timer, whatever the transport does.
   */
  @Override
  protected Optional<Duration> connectionsReleasedAfterClose() {
    return Optional.empty();
  }
}
