package io.github.ikpurge.spi;

/**
 * Makes {@link HttpTransport}s; found through {@link java.util.ServiceLoader}. A transport module
 * registers one provider, in {@code META-INF/services} and with {@code provides} in its module
 * descriptor.
 *
 * <p>When the user names no transport, the client takes the provider with the highest {@link
 * #priority()}.
 */
public interface TransportProvider {

  /** {@return the stable name users select this transport by, such as {@code jdk}} */
  String name();

  /**
   * {@return the rank of this provider when none is named: higher wins} The built-in ones use 300
   * (Apache HttpClient), 200 (JDK HttpClient) and 100 (OpenFeign).
   */
  int priority();

  /**
   * {@return the Maven coordinates ({@code groupId:artifactId}) of the artifact that holds this
   * provider, for error messages}
   */
  String artifact();

  /**
   * Creates a transport. Options it cannot honour are ignored and logged at debug level.
   *
   * @param options connection settings
   * @return a new transport, owned by the caller
   */
  HttpTransport create(TransportOptions options);
}
