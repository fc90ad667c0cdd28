package io.github.ikpurge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.json.BuiltInJsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The IDE metadata the configuration processor wrote into the starter's own classes. */
class ConfigurationMetadataTest {

  private static final List<String> PROPERTIES =
      List.of(
          "ikpurge.private-key",
          "ikpurge.base-uri",
          "ikpurge.transport",
          "ikpurge.attempt-timeout",
          "ikpurge.call-timeout",
          "ikpurge.allow-insecure-http",
          "ikpurge.max-response-bytes",
          "ikpurge.max-response-header-bytes",
          "ikpurge.retry.max-attempts",
          "ikpurge.retry.base-delay",
          "ikpurge.retry.max-delay",
          "ikpurge.poll.initial-delay",
          "ikpurge.poll.multiplier",
          "ikpurge.poll.max-delay",
          "ikpurge.poll.jitter",
          "ikpurge.poll.max-wait",
          "ikpurge.rate-limit.requests",
          "ikpurge.rate-limit.interval");

  private static Map<String, Object> metadata() throws Exception {
    // The starter's own classes, not another jar's metadata of the same name.
    Path classes =
        Path.of(
            IkpurgeProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
    assertThat(file).exists();
    return BuiltInJsonCodec.create().readObject(Files.readAllBytes(file));
  }

  private static Map<String, Map<?, ?>> byName(Object entries) {
    Map<String, Map<?, ?>> byName = new LinkedHashMap<>();
    for (Object entry : (List<?>) entries) {
      Map<?, ?> members = (Map<?, ?>) entry;
      byName.put((String) members.get("name"), members);
    }
    return byName;
  }

  @Test
  void everyPropertyIsDescribed() throws Exception {
    Map<String, Map<?, ?>> properties = byName(metadata().get("properties"));
    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(PROPERTIES);
    properties.forEach(
        (name, property) ->
            assertThat(property.get("description"))
                .as("the description of %s", name)
                .isInstanceOfSatisfying(
                    String.class, description -> assertThat(description).hasSizeGreaterThan(20)));
    assertThat(properties.get("ikpurge.private-key").get("description"))
        .asString()
        .contains("IMAGEKIT_PRIVATE_KEY");
    assertThat(properties.get("ikpurge.attempt-timeout").get("type"))
        .isEqualTo("java.time.Duration");
  }

  @Test
  void theTransportNamesAreHinted() throws Exception {
    Map<String, Map<?, ?>> hints = byName(metadata().get("hints"));
    assertThat(hints).containsKey("ikpurge.transport");
    assertThat(hints.get("ikpurge.transport").get("values").toString())
        .contains("jdk", "apache", "feign");
  }

  @Test
  void bothAutoConfigurationsAreRegistered() throws Exception {
    try (var in =
        IkpurgeAutoConfiguration.class
            .getClassLoader()
            .getResourceAsStream(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
          .containsExactly(
              IkpurgeAutoConfiguration.class.getName(),
              IkpurgeMicrometerAutoConfiguration.class.getName());
    }
  }

  @Test
  void theFailureAnalyzerIsRegistered() {
    // Spring Boot's own analyzers want a bean factory to be built; they are not what is checked.
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                    FailureAnalyzer.class,
                    SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {})))
        .hasAtLeastOneElementOfType(PurgeClientFailureAnalyzer.class);
  }
}
