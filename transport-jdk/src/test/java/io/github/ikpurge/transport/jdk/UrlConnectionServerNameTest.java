package io.github.ikpurge.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.SimulatorTls;
import java.net.InetAddress;
import java.net.URI;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HttpURLConnection engine checks the server's name against its certificate whatever JVM-wide
 * hostname verifier an application installed: the simulator's certificate names {@code localhost}
 * and {@code 127.0.0.1}, and a server reached as {@code 127.0.0.2} must not get the key.
 */
class UrlConnectionServerNameTest {

  private HostnameVerifier global;
  private ImageKitSimulator simulator;

  @BeforeEach
  void installALenientVerifier() throws Exception {
    global = HttpsURLConnection.getDefaultHostnameVerifier();
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    simulator =
        ImageKitSimulator.builder().https().host(InetAddress.getByName("127.0.0.2")).start();
  }

  @AfterEach
  void restore() {
    HttpsURLConnection.setDefaultHostnameVerifier(global);
    simulator.close();
  }

  private PurgeClient client(String host) {
    URI uri = simulator.baseUri();
    return PurgeClient.builder()
        .baseUri("https://" + host + ":" + uri.getPort())
        .privateKey(simulator.privateKey())
        .transport(
            JdkHttpTransport.create(
                TransportOptions.builder().sslContext(SimulatorTls.clientContext()).build(),
                JdkHttpTransport.Engine.URL_CONNECTION))
        .build();
  }

  @Test
  void aServerWhoseCertificateNamesAnotherHostGetsNoRequest() {
    String id = simulator.registerPurge("https://ik.imagekit.io/demo/name.jpg");
    try (PurgeClient client = client("127.0.0.2")) {
      ConnectionException error =
          catchThrowableOfType(ConnectionException.class, () -> client.status(id));

      assertThat(error.reason()).isEqualTo(ConnectionException.Reason.TLS);
    }
    assertThat(simulator.receivedRequests()).isZero();
  }
}
