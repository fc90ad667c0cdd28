package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.FacadeConformanceTest;
import io.github.ikpurge.spi.TransportProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The facade finds the {@code jdk} provider by name, which reads the engine from its system
 * property: set to the HttpClient engine for the length of this class (the suites run one at a
 * time).
 */
class JdkFacadeConformanceTest extends FacadeConformanceTest {

  private static String before;

  @BeforeAll
  static void selectTheHttpClientEngine() {
    before = System.setProperty(JdkHttpTransport.Engine.PROPERTY, "http-client");
  }

  @AfterAll
  static void restoreTheEngine() {
    if (before == null) {
      System.clearProperty(JdkHttpTransport.Engine.PROPERTY);
    } else {
      System.setProperty(JdkHttpTransport.Engine.PROPERTY, before);
    }
  }

  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
