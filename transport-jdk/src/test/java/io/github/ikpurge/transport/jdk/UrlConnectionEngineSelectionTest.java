package io.github.ikpurge.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider picks the engine of blocking calls from {@code ikpurge.jdk.engine}. */
class UrlConnectionEngineSelectionTest {

  private final String before = System.getProperty(JdkHttpTransport.Engine.PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JdkHttpTransport.Engine.PROPERTY);
    } else {
      System.setProperty(JdkHttpTransport.Engine.PROPERTY, before);
    }
  }

  @Test
  void httpUrlConnectionIsTheDefault() {
    System.clearProperty(JdkHttpTransport.Engine.PROPERTY);
    assertThat(engineOfTheProvidersTransport()).isEqualTo(JdkHttpTransport.Engine.URL_CONNECTION);
    assertThat(JdkHttpTransport.create(TransportOptions.defaults()).engine())
        .isEqualTo(JdkHttpTransport.Engine.URL_CONNECTION);
  }

  @Test
  void thePropertySelectsEitherEngineInAnyCase() {
    System.setProperty(JdkHttpTransport.Engine.PROPERTY, " HTTP-Client ");
    assertThat(engineOfTheProvidersTransport()).isEqualTo(JdkHttpTransport.Engine.HTTP_CLIENT);
    System.setProperty(JdkHttpTransport.Engine.PROPERTY, "url-connection");
    assertThat(engineOfTheProvidersTransport()).isEqualTo(JdkHttpTransport.Engine.URL_CONNECTION);
  }

  @Test
  void aValueThatNamesNoEngineIsRefused() {
    System.setProperty(JdkHttpTransport.Engine.PROPERTY, "okhttp");
    assertThatThrownBy(() -> new JdkTransportProvider().create(TransportOptions.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ikpurge.jdk.engine=okhttp")
        .hasMessageContaining("url-connection");
  }

  private static JdkHttpTransport.Engine engineOfTheProvidersTransport() {
    try (HttpTransport transport = new JdkTransportProvider().create(TransportOptions.defaults())) {
      return ((JdkHttpTransport) transport).engine();
    }
  }
}
