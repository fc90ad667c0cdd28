package io.github.ikpurge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulator's test certificate: a self-signed RSA certificate for {@code localhost}, {@code
 * 127.0.0.1} and {@code ::1}, valid until 2124. Its private key ships in this jar, so it proves
 * nothing outside tests: trust it only in tests.
 */
public final class SimulatorTls {

  private static final String RESOURCE = "simulator-tls.p12";
  private static final char[] PASSWORD = "simulator".toCharArray();

  private SimulatorTls() {}

  /** {@return a server context presenting the test certificate} */
  public static SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore(), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the simulator's test key store cannot be used", e);
    }
  }

  /** {@return a client context that trusts the test certificate and nothing else} */
  public static SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the simulator's test certificate cannot be trusted", e);
    }
  }

  /** {@return a key store holding only the test certificate, for trust managers} */
  public static KeyStore trustStore() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ikpurge-simulator", certificate());
      return trust;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the simulator's test certificate cannot be loaded", e);
    }
  }

  /** {@return the test certificate} */
  public static Certificate certificate() {
    try {
      return keyStore().getCertificate("simulator");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the simulator's test certificate cannot be loaded", e);
    }
  }

  private static KeyStore keyStore() {
    try (InputStream in = SimulatorTls.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the testkit jar");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the simulator's test key store cannot be read", e);
    }
  }
}
