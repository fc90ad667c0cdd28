package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodecProvider;
import io.github.ikpurge.spi.TransportProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

  @TempDir Path services;

  private Discovery discovery(
      Map<String, String> properties, Map<String, String> env, String... providers)
      throws IOException {
    Path file = services.resolve("META-INF/services/" + TransportProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(providers));
    ClassLoader loader =
        new URLClassLoader(new URL[] {services.toUri().toURL()}, withoutServices());
    return new Discovery(loader, properties::get, env::get);
  }

  /**
   * The test's class loader with its service files hidden: what a test finds is what it wrote,
   * whatever transports and codecs the class path it runs on holds.
   */
  private ClassLoader withoutServices() {
    return new ClassLoader(getClass().getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith("META-INF/services/")
            ? Collections.emptyEnumeration()
            : super.getResources(name);
      }
    };
  }

  private static String provider(Class<?> type) {
    return type.getName();
  }

  @Test
  void withNothingNamedTheHighestPriorityWins() throws IOException {
    Discovery discovery =
        discovery(
            Map.of(),
            Map.of(),
            provider(FakeProviders.Feign.class),
            provider(FakeProviders.Apache.class),
            provider(FakeProviders.Jdk.class));

    assertThat(discovery.selectTransport(null).name()).isEqualTo("apache");
  }

  @Test
  void theSystemPropertyWinsOverPriorityAndTheEnvironment() throws IOException {
    Discovery discovery =
        discovery(
            Map.of("ikpurge.transport", "feign"),
            Map.of("IKPURGE_TRANSPORT", "jdk"),
            provider(FakeProviders.Apache.class),
            provider(FakeProviders.Jdk.class),
            provider(FakeProviders.Feign.class));

    assertThat(discovery.selectTransport(null).name()).isEqualTo("feign");
  }

  @Test
  void theEnvironmentWinsOverPriority() throws IOException {
    Discovery discovery =
        discovery(
            Map.of(),
            Map.of("IKPURGE_TRANSPORT", " JDK "),
            provider(FakeProviders.Apache.class),
            provider(FakeProviders.Jdk.class));

    assertThat(discovery.selectTransport(null).name()).isEqualTo("jdk");
  }

  @Test
  void theBuilderWinsOverEverything() throws IOException {
    Discovery discovery =
        discovery(
            Map.of("ikpurge.transport", "apache"),
            Map.of("IKPURGE_TRANSPORT", "apache"),
            provider(FakeProviders.Apache.class),
            provider(FakeProviders.Feign.class));

    assertThat(discovery.selectTransport("feign").name()).isEqualTo("feign");
  }

  @Test
  void noneFoundNamesTheArtifactsToAdd() throws IOException {
    Discovery discovery = discovery(Map.of(), Map.of());

    assertThatThrownBy(() -> discovery.selectTransport(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("No HTTP transport")
        .hasMessageContaining("io.github.ikpurge:ikpurge-transport-jdk")
        .hasMessageContaining("io.github.ikpurge:ikpurge-transport-apache")
        .hasMessageContaining("io.github.ikpurge:ikpurge-transport-feign");
  }

  @Test
  void aMissingNamedTransportListsWhatWasFoundAndTheArtifact() throws IOException {
    Discovery discovery =
        discovery(
            Map.of("ikpurge.transport", "apache"),
            Map.of(),
            provider(FakeProviders.Jdk.class),
            provider(FakeProviders.Feign.class));

    assertThatThrownBy(() -> discovery.selectTransport(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "\"apache\" (named by system property ikpurge.transport) was not found")
        .hasMessageContaining("Found: jdk (priority 200), feign (priority 100)")
        .hasMessageContaining("io.github.ikpurge:ikpurge-transport-apache");
  }

  @Test
  void aProviderThatFailsToLoadIsSkippedWithAWarning() throws IOException {
    Discovery discovery =
        discovery(
            Map.of(),
            Map.of(),
            "io.github.ikpurge.transport.missing.MissingTransportProvider",
            provider(FakeProviders.Jdk.class));
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("io.github.ikpurge.discovery");
    Level level = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      assertThat(discovery.selectTransport(null).name()).isEqualTo("jdk");
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(level);
    }

    assertThat(records)
        .anySatisfy(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(record.getMessage())
                  .contains("Skipped a TransportProvider")
                  .contains("MissingTransportProvider");
            });
    assertThat(records)
        .filteredOn(record -> record.getLevel() == Level.FINE)
        .extracting(LogRecord::getMessage)
        .containsExactly("Selected transport jdk by highest priority among jdk (priority 200)");
  }

  @Test
  void theCodecOfTheHighestPriorityServesWhenNoneIsNamed() throws IOException {
    Path file = services.resolve("META-INF/services/" + JsonCodecProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        List.of(
            FakeProviders.OtherCodec.class.getName(),
            FakeProviders.PreferredCodec.class.getName()));

    assertThat(discovery(Map.of(), Map.of()).selectJsonCodec().name()).isEqualTo("preferred");
    assertThat(discovery(Map.of("ikpurge.json", "OTHER"), Map.of()).selectJsonCodec())
        .isSameAs(BuiltInJsonCodec.create());
  }

  @ParameterizedTest(name = "{0} broken entries, the good one first={2}: found={1}")
  @CsvSource({"31, true, false", "32, false, false", "40, true, true"})
  void discoveryGivesUpAfter32EntriesThatFailToLoad(int broken, boolean found, boolean goodFirst)
      throws IOException {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < broken; i++) {
      entries.add("io.github.ikpurge.transport.missing.Missing" + i);
    }
    entries.add(goodFirst ? 0 : entries.size(), provider(FakeProviders.Jdk.class));
    Discovery discovery = discovery(Map.of(), Map.of(), entries.toArray(String[]::new));

    if (found) {
      assertThat(discovery.selectTransport(null).name()).isEqualTo("jdk");
    } else {
      assertThatThrownBy(() -> discovery.selectTransport(null))
          .isInstanceOf(ConfigurationException.class);
    }
  }

  @Test
  void theBuiltInCodecServesWhenNoneIsFoundOrWhenNamed() throws IOException {
    assertThat(discovery(Map.of(), Map.of()).selectJsonCodec()).isSameAs(BuiltInJsonCodec.create());
    assertThat(discovery(Map.of("ikpurge.json", "builtin"), Map.of()).selectJsonCodec())
        .isSameAs(BuiltInJsonCodec.create());
  }

  @Test
  void aNamedCodecThatIsMissingIsAConfigurationError() throws IOException {
    Path file = services.resolve("META-INF/services/" + JsonCodecProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(FakeProviders.OtherCodec.class.getName()));
    Discovery discovery = discovery(Map.of("ikpurge.json", "jsonb"), Map.of());

    assertThatThrownBy(discovery::selectJsonCodec)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"jsonb\"")
        .hasMessageContaining("Found: builtin, other");
  }

  @Test
  void aCodecThatCannotBeCreatedIsSkippedForTheNextOrAConfigurationErrorWhenNamed()
      throws IOException {
    Path file = services.resolve("META-INF/services/" + JsonCodecProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        List.of(
            FakeProviders.BrokenCodec.class.getName(), FakeProviders.OtherCodec.class.getName()));

    assertThat(discovery(Map.of(), Map.of()).selectJsonCodec()).isSameAs(BuiltInJsonCodec.create());
    assertThatThrownBy(
            () -> discovery(Map.of("ikpurge.json", "broken"), Map.of()).selectJsonCodec())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"broken\" could not be created")
        .hasMessageContaining("its JSON library is missing");
  }
}
