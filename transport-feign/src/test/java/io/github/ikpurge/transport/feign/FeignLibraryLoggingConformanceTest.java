package io.github.ikpurge.transport.feign;

import io.github.ikpurge.conformance.LibraryLoggingConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Set;

/**
 * Feign logs at its {@code BASIC} level, which the transport fixes ({@code FULL} cannot be chosen);
 * HttpURLConnection prints request headers when the application sets its logger to a debug level,
 * and the transport warns.
 */
class FeignLibraryLoggingConformanceTest extends LibraryLoggingConformanceTest {

  private static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

  @Override
  protected TransportProvider provider() {
    return new FeignTransportProvider();
  }

  @Override
  protected String libraryLogger() {
    return URL_CONNECTION;
  }

  @Override
  protected Set<String> loggersThatPrintHeaders() {
    return Set.of(URL_CONNECTION);
  }

  @Override
  protected String warnedSetting() {
    return URL_CONNECTION;
  }
}
