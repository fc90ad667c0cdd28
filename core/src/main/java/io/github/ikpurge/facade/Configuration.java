package io.github.ikpurge.facade;

import io.github.ikpurge.PurgeClient;
import java.util.Objects;

/**
 * The account settings of the {@link ImageKit} facade, as in ImageKit's Java SDK: public key,
 * private key and URL endpoint. Only the private key matters to purge calls. Immutable; {@link
 * #toString()} never shows the private key.
 */
public final class Configuration {

  private final String publicKey;
  private final String privateKey;
  private final String urlEndpoint;
  private final String apiBaseUrl;
  private final String transport;

  /**
   * Creates the settings.
   *
   * @param publicKey the account's public key (not used by purge calls); may be null
   * @param privateKey the account's private key, checked when the configuration is used
   * @param urlEndpoint the account's URL endpoint (not used by purge calls); may be null
   */
  public Configuration(String publicKey, String privateKey, String urlEndpoint) {
    this(publicKey, privateKey, urlEndpoint, null, null);
  }

  private Configuration(
      String publicKey,
      String privateKey,
      String urlEndpoint,
      String apiBaseUrl,
      String transport) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.urlEndpoint = urlEndpoint;
    this.apiBaseUrl = apiBaseUrl;
    this.transport = transport;
  }

  /**
   * Returns a copy that calls another API address, such as a proxy or the simulator.
   *
   * @param apiBaseUrl an absolute http(s) URL; plain http only for loopback hosts
   * @return the new configuration
   */
  public Configuration withApiBaseUrl(String apiBaseUrl) {
    return new Configuration(
        publicKey,
        privateKey,
        urlEndpoint,
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl"),
        transport);
  }

  /**
   * Returns a copy that uses the named transport ({@code jdk}, {@code apache}, {@code feign}).
   *
   * @param transport a transport name
   * @return the new configuration
   */
  public Configuration withTransport(String transport) {
    return new Configuration(
        publicKey,
        privateKey,
        urlEndpoint,
        apiBaseUrl,
        Objects.requireNonNull(transport, "transport"));
  }

  /**
   * Returns a client builder holding these settings: the private key, and the API address and
   * transport when set.
   *
   * @return a new builder
   */
  public PurgeClient.Builder toClientBuilder() {
    PurgeClient.Builder builder = PurgeClient.builder().privateKey(privateKey);
    if (apiBaseUrl != null) {
      builder.baseUri(apiBaseUrl);
    }
    if (transport != null) {
      builder.transport(transport);
    }
    return builder;
  }

  /** {@return the public key; may be null} */
  public String getPublicKey() {
    return publicKey;
  }

  /** {@return the private key} */
  public String getPrivateKey() {
    return privateKey;
  }

  /** {@return the URL endpoint; may be null} */
  public String getUrlEndpoint() {
    return urlEndpoint;
  }

  /** {@return the API address set by {@link #withApiBaseUrl(String)}, or null for the default} */
  public String getApiBaseUrl() {
    return apiBaseUrl;
  }

  /** {@return the transport set by {@link #withTransport(String)}, or null to discover one} */
  public String getTransport() {
    return transport;
  }

  @Override
  public String toString() {
    return "Configuration{publicKey="
        + publicKey
        + ", privateKey=****, urlEndpoint="
        + urlEndpoint
        + (apiBaseUrl == null ? "" : ", apiBaseUrl=" + apiBaseUrl)
        + (transport == null ? "" : ", transport=" + transport)
        + '}';
  }
}
