package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.LibraryLoggingConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Set;

/** The JDK client logs every request header when its log property says so; the transport warns. */
class JdkLibraryLoggingConformanceTest extends LibraryLoggingConformanceTest {

  private static final String LOGGER = "jdk.httpclient.HttpClient";

  @Override
  protected TransportProvider provider() {
    return new HttpClientEngineProvider();
  }

  @Override
  protected String libraryLogger() {
    return LOGGER;
  }

  @Override
  protected Set<String> loggersThatPrintHeaders() {
    return Set.of(LOGGER);
  }

  @Override
  protected String warnedSetting() {
    return "jdk.httpclient.HttpClient.log";
  }
}
