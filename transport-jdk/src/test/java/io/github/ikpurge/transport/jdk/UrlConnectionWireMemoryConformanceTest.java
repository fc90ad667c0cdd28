package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.WireMemoryConformanceTest;
import io.github.ikpurge.spi.TransportProvider;

/** Wire memory on the {@code jdk} provider's default engine, HttpURLConnection. */
class UrlConnectionWireMemoryConformanceTest extends WireMemoryConformanceTest {

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /**
   * Before Java 21, the blocking calls alone: the asynchronous ones run on the JDK's HttpClient,
   * and Java 17's keeps open, for its life, the connection of a response it could not parse, with
   * no shutdown (as {@link JdkWireMemoryConformanceTest} documents; see docs/errors.md). Run with
   * both, Java 17 ended with exactly the 48 connections of the asynchronous header-flood calls
   * open, none of the blocking ones. From Java 21 on, half the calls are asynchronous, as for every
   * transport.
   */
  @Override
  protected boolean blockingOnly() {
    return Runtime.version().feature() < 21;
  }
}
