package io.github.ikpurge.internal;

import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecProvider;
import io.github.ikpurge.spi.TransportProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Finds transports and JSON codecs through {@link ServiceLoader}, skipping providers that fail to
 * load, and picks one in the documented order.
 */
public final class Discovery {

  /** The system property that names a transport. */
  public static final String TRANSPORT_PROPERTY = "ikpurge.transport";

  /** The environment variable that names a transport. */
  public static final String TRANSPORT_ENV = "IKPURGE_TRANSPORT";

  /** The system property that names a JSON codec. */
  public static final String JSON_PROPERTY = "ikpurge.json";

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.discovery");

  private static final String KNOWN_TRANSPORTS =
      "io.github.ikpurge:ikpurge-transport-jdk (JDK HttpClient, no third-party dependency),"
          + " io.github.ikpurge:ikpurge-transport-apache (Apache HttpClient 5) or"
          + " io.github.ikpurge:ikpurge-transport-feign (OpenFeign)";

  private static final int MAX_LOAD_FAILURES = 32;

  private final ClassLoader loader;
  private final UnaryOperator<String> systemProperties;
  private final UnaryOperator<String> environment;

  /**
   * Creates a discovery.
   *
   * @param loader the class loader to search
   * @param systemProperties looks up a system property, or returns null
   * @param environment looks up an environment variable, or returns null
   */
  public Discovery(
      ClassLoader loader,
      UnaryOperator<String> systemProperties,
      UnaryOperator<String> environment) {
    this.loader = loader;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** Returns a discovery over core's class loader, the system properties and the environment. */
  public static Discovery standard() {
    return new Discovery(Discovery.class.getClassLoader(), System::getProperty, System::getenv);
  }

  /**
   * Picks a transport provider: the one named by the builder, else by the system property {@value
   * #TRANSPORT_PROPERTY}, else by the environment variable {@value #TRANSPORT_ENV}, else the one
   * with the highest priority.
   *
   * @param builderName the name given to the builder, or null
   * @return the provider
   * @throws ConfigurationException if none is found, or the named one is missing
   */
  public TransportProvider selectTransport(String builderName) {
    List<TransportProvider> found = load(TransportProvider.class);
    String source;
    String name;
    if (builderName != null) {
      name = builderName;
      source = "the client builder";
    } else if (isSet(systemProperties.apply(TRANSPORT_PROPERTY))) {
      name = systemProperties.apply(TRANSPORT_PROPERTY);
      source = "system property " + TRANSPORT_PROPERTY;
    } else if (isSet(environment.apply(TRANSPORT_ENV))) {
      name = environment.apply(TRANSPORT_ENV);
      source = "environment variable " + TRANSPORT_ENV;
    } else {
      name = null;
      source = "highest priority";
    }
    if (name == null) {
      TransportProvider best =
          found.stream()
              .max(Comparator.comparingInt(TransportProvider::priority))
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "No HTTP transport for ikpurge was found on the class path or module"
                              + " path. Add one of "
                              + KNOWN_TRANSPORTS
                              + "."));
      LOG.log(
          Level.DEBUG,
          () ->
              "Selected transport " + best.name() + " by " + source + " among " + describe(found));
      return best;
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (TransportProvider provider : found) {
      if (provider.name().equalsIgnoreCase(wanted)) {
        LOG.log(Level.DEBUG, () -> "Selected transport " + provider.name() + " named by " + source);
        return provider;
      }
    }
    throw new ConfigurationException(
        "Transport \""
            + wanted
            + "\" (named by "
            + source
            + ") was not found. Found: "
            + (found.isEmpty() ? "none" : describe(found))
            + ". Add "
            + artifactFor(wanted)
            + ", or name one that was found.");
  }

  /**
   * Picks a JSON codec: the provider named by the system property {@value #JSON_PROPERTY} ({@code
   * builtin} for core's own), else the provider with the highest priority, else the built-in one.
   *
   * @return the codec
   * @throws ConfigurationException if the named codec is missing
   */
  public JsonCodec selectJsonCodec() {
    String named = systemProperties.apply(JSON_PROPERTY);
    if (isSet(named) && named.strip().equalsIgnoreCase("builtin")) {
      return BuiltInJsonCodec.create();
    }
    List<JsonCodecProvider> found = load(JsonCodecProvider.class);
    if (isSet(named)) {
      String wanted = named.strip();
      JsonCodecProvider provider =
          found.stream()
              .filter(candidate -> candidate.name().equalsIgnoreCase(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "JSON codec \""
                              + wanted
                              + "\" (named by system property "
                              + JSON_PROPERTY
                              + ") was not found. Found: builtin"
                              + found.stream()
                                  .map(other -> ", " + other.name())
                                  .collect(Collectors.joining())
                              + "."));
      try {
        return provider.create();
      } catch (RuntimeException | LinkageError e) {
        throw new ConfigurationException(
            "JSON codec \"" + wanted + "\" could not be created: " + e, e);
      }
    }
    found.sort(Comparator.comparingInt(JsonCodecProvider::priority).reversed());
    for (JsonCodecProvider provider : found) {
      try {
        return provider.create();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(
            Level.WARNING,
            "Skipped JSON codec " + provider.name() + ", which could not be created: " + e,
            e);
      }
    }
    return BuiltInJsonCodec.create();
  }

  private <S> List<S> load(Class<S> service) {
    List<S> providers = new ArrayList<>();
    Iterator<S> iterator = ServiceLoader.load(service, loader).iterator();
    // A broken entry may keep failing; stop rather than spin.
    for (int failures = 0; failures < MAX_LOAD_FAILURES; ) {
      try {
        if (!iterator.hasNext()) {
          return providers;
        }
        providers.add(iterator.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        failures++;
        LOG.log(
            Level.WARNING,
            "Skipped a " + service.getSimpleName() + " that failed to load: " + e,
            e);
      }
    }
    return providers;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  private static String describe(List<TransportProvider> providers) {
    return providers.stream()
        .map(provider -> provider.name() + " (priority " + provider.priority() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String artifactFor(String name) {
    return switch (name) {
      case "jdk", "apache", "feign" -> "io.github.ikpurge:ikpurge-transport-" + name;
      default -> "the artifact that provides it";
    };
  }
}
