package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.HttpTransportConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport on the {@code jdk} provider's default engine: blocking calls on HttpURLConnection.
 */
class UrlConnectionHttpTransportConformanceTest extends HttpTransportConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /**
   * None: blocking calls leave idle connections in HttpURLConnection's keep-alive cache for the
   * whole JVM, which no API lets a transport empty; they close on the JDK's keep-alive timer.
   */
  @Override
  protected Optional<Duration> connectionsReleasedAfterClose() {
    return Optional.empty();
  }

  /**
   * None: disconnecting an HttpURLConnection whose body is not fully read hands its socket to the
   * JDK's one keep-alive cleaner thread, which drains such connections one after the other, each
   * until its own timeout: an aborted exchange's connection can stay open past the abort. The
   * exchange itself ends at once.
   */
  @Override
  protected Optional<Duration> connectionClosedAfterBodyAbort() {
    return Optional.empty();
  }
}
