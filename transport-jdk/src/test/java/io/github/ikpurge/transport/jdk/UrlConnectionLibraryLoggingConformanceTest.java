package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.LibraryLoggingConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Set;

/**
 * Blocking calls on HttpURLConnection, which prints request headers when the application sets its
 * logger to a debug level; asynchronous ones on the JDK client, which prints them when its log
 * property says so. The transport warns once, naming both.
 */
class UrlConnectionLibraryLoggingConformanceTest extends LibraryLoggingConformanceTest {

  private static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  @Override
  protected String libraryLogger() {
    return URL_CONNECTION;
  }

  @Override
  protected Set<String> loggersThatPrintHeaders() {
    return Set.of(URL_CONNECTION, "jdk.httpclient.HttpClient");
  }

  @Override
  protected String warnedSetting() {
    return URL_CONNECTION;
  }
}
