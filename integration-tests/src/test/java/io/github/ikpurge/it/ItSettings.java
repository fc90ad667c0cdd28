package io.github.ikpurge.it;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The settings of the integration tests: each is a system property, or else an environment variable
 * of the same name in upper case with {@code _} for {@code .} ({@code ikpurge.it.requireDocker} or
 * {@code IKPURGE_IT_REQUIRE_DOCKER}).
 */
final class ItSettings {

  /** Fail, rather than skip, the container tests when no Docker engine answers. */
  static final String REQUIRE_DOCKER = "ikpurge.it.requireDocker";

  /**
   * An image with a Java runtime to build the simulator on; empty for the {@code scratch} build.
   */
  static final String BASE_IMAGE = "ikpurge.it.baseImage";

  /** The testkit's runnable jar; the build copies it into {@code target/simulator}. */
  static final String SIMULATOR_JAR = "ikpurge.it.simulatorJar";

  /** Where the image's files are prepared. */
  static final String WORK_DIR = "ikpurge.it.workDir";

  private final Function<String, String> properties;
  private final Function<String, String> environment;

  ItSettings(Function<String, String> properties, Function<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** Returns the settings of this JVM: its system properties and environment. */
  static ItSettings current() {
    return new ItSettings(System::getProperty, System::getenv);
  }

  /** Returns the environment variable that stands for a property. */
  static String environmentName(String property) {
    return property
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .replace('.', '_')
        .toUpperCase(Locale.ROOT);
  }

  /** Returns a setting, blank when it is not set. */
  String get(String property) {
    String value = properties.apply(property);
    if (value == null || value.isBlank()) {
      value = environment.apply(environmentName(property));
    }
    return value == null ? "" : value.strip();
  }

  boolean requireDocker() {
    return Boolean.parseBoolean(get(REQUIRE_DOCKER));
  }

  String baseImage() {
    return get(BASE_IMAGE);
  }

  Path simulatorJar() {
    String jar = get(SIMULATOR_JAR);
    return Path.of(jar.isEmpty() ? "target/simulator/ikpurge-testkit-standalone.jar" : jar);
  }

  Path workDir() {
    String dir = get(WORK_DIR);
    return Path.of(dir.isEmpty() ? "target/simulator-image" : dir);
  }
}
