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

  /**
   * None: closing or disconnecting an HttpURLConnection whose body is not fully read hands its
   * socket to the JDK's one keep-alive cleaner thread for the whole JVM, which drains such
   * connections one after the other, each until its own timeout: behind earlier ones, an aborted
   * exchange's connection can stay open well past the abort. The exchange itself ends at once.
   */
  @Override
  protected Optional<Duration> connectionClosedAfterBodyAbort() {
    return Optional.empty();
  }
}
