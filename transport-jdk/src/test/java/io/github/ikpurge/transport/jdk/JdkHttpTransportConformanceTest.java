package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.HttpTransportConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.Optional;

class JdkHttpTransportConformanceTest extends HttpTransportConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }

  /** HttpClient gained close() in Java 21; before that its connections end when it is collected. */
  @Override
  protected Optional<Duration> connectionsReleasedAfterClose() {
    return Runtime.version().feature() >= 21
        ? Optional.of(Duration.ofSeconds(5))
        : Optional.empty();
  }
}
