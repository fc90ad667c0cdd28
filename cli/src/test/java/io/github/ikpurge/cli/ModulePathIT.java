package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo on the module path alone, no class path, with each transport: the SDK's module
 * descriptors must export the API, {@code uses} the services and {@code provides} the transports
 * and the codec, or discovery finds nothing.
 */
class ModulePathIT {

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "feign"})
  void theDemoRunsOnTheModulePathWithEachTransport(String transport) throws Exception {
    String modulePath =
        PackagedDemo.target().resolve("ikpurge-cli.jar")
            + File.pathSeparator
            + PackagedDemo.target().resolve("lib");

    PackagedDemo.Result result =
        PackagedDemo.run(
            List.of(
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "--module",
                "ikpurge.cli/io.github.ikpurge.cli.IkPurge",
                "--transport",
                transport,
                "demo"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("Transport: " + transport)
        .contains("poll 3: Completed")
        .contains("Done.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "feign"})
  void theSdkModulesResolveAsNamedModules(String transport) throws Exception {
    PackagedDemo.Result result =
        PackagedDemo.run(
            List.of(
                "--module-path",
                PackagedDemo.target().resolve("lib").toString(),
                "--show-module-resolution",
                "--add-modules",
                "io.github.ikpurge.core",
                "--dry-run",
                "--module",
                "io.github.ikpurge.core/io.github.ikpurge.PurgeClient"));

    assertThat(result.output())
        .as("core binds the %s transport by its provides clause", transport)
        .contains("io.github.ikpurge.core binds io.github.ikpurge.transport." + transport + " ");
  }
}
