package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo from one fat jar, built with the Maven Shade plugin and its {@code
 * ServicesResourceTransformer}: the service files of the three transports are merged, so discovery
 * still finds each of them.
 */
class FatJarIT {

  private static final Path FAT_JAR = PackagedDemo.target().resolve("ikpurge.jar");

  @Test
  void theFatJarListsEveryTransportProvider() throws Exception {
    try (JarFile jar = new JarFile(FAT_JAR.toFile());
        InputStream services =
            jar.getInputStream(
                jar.getEntry("META-INF/services/io.github.ikpurge.spi.TransportProvider"))) {
      assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8))
          .contains("io.github.ikpurge.transport.jdk.JdkTransportProvider")
          .contains("io.github.ikpurge.transport.apache.ApacheTransportProvider")
          .contains("io.github.ikpurge.transport.feign.FeignTransportProvider");
    }
  }

  @Test
  void withNoTransportNamedTheFatJarPicksTheHighestPriority() throws Exception {
    PackagedDemo.Result result = PackagedDemo.run(List.of("-jar", FAT_JAR.toString()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Transport: apache").contains("Done.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "feign"})
  void theFatJarRunsWithEachTransport(String transport) throws Exception {
    PackagedDemo.Result result =
        PackagedDemo.run(List.of("-jar", FAT_JAR.toString(), "--transport", transport, "demo"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Transport: " + transport).contains("Done.");
  }
}
