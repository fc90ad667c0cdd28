package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.ProxyRoutes;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the engine lets the key go, and what it takes back, whatever transport it is given. */
class KeyConfinementTest {

  private static final String KEY = "private_confined";

  /** A transport whose routing the test decides, counting what it was asked to send. */
  private static final class RoutedTransport implements HttpTransport {
    private final boolean direct;
    private final byte[] body;
    private final List<URI> asked = new ArrayList<>();
    private boolean closed;

    RoutedTransport(boolean direct, byte[] body) {
      this.direct = direct;
      this.body = body;
    }

    @Override
    public synchronized TransportResponse execute(TransportRequest request) {
      asked.add(request.uri());
      return TransportResponse.of(200, Headers.empty(), body);
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return CompletableFuture.completedFuture(execute(request));
    }

    @Override
    public String name() {
      return "routed";
    }

    @Override
    public boolean connectsDirectly(URI target) {
      return direct;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static RoutedTransport transport(boolean direct) {
    return new RoutedTransport(direct, "{\"status\":\"Completed\"}".getBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:9"})
  void plainHttpToLoopbackNeedsATransportThatSendsItStraightThere(String base) {
    RoutedTransport proxied = transport(false);

    assertThatThrownBy(
            () -> PurgeClient.builder().privateKey(KEY).baseUri(base).transport(proxied).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("transport routed may send them through a proxy")
        .hasMessageContaining("allowInsecureHttp(true)")
        .hasMessageNotContaining(KEY);
    assertThat(proxied.asked).isEmpty();
    assertThat(proxied.closed).as("the caller's transport stays open").isFalse();

    try (PurgeClient client =
        PurgeClient.builder().privateKey(KEY).baseUri(base).transport(transport(true)).build()) {
      assertThat(client.status("abc").status()).isNotNull();
    }
  }

  @Test
  void aProxyIsFineWhenTheCallerOptedInOrTheLinkIsEncrypted() {
    RoutedTransport proxied = transport(false);
    try (PurgeClient insecure =
            PurgeClient.builder()
                .privateKey(KEY)
                .baseUri("http://localhost:8080")
                .allowInsecureHttp(true)
                .transport(proxied)
                .build();
        PurgeClient tls =
            PurgeClient.builder()
                .privateKey(KEY)
                .baseUri("https://localhost:8443")
                .transport(proxied)
                .build()) {
      insecure.status("abc");
      tls.status("abc");
    }
    assertThat(proxied.asked).extracting(URI::getScheme).containsExactly("http", "https");
  }

  @Test
  void anUnknownTransportIsNotTakenToConnectDirectly() {
    HttpTransport unknown =
        new HttpTransport() {
          @Override
          public TransportResponse execute(TransportRequest request) throws IOException {
            throw new IOException("never called");
          }

          @Override
          public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
            return CompletableFuture.failedFuture(new IOException("never called"));
          }

          @Override
          public String name() {
            return "unknown";
          }

          @Override
          public void close() {}
        };

    assertThat(unknown.connectsDirectly(URI.create("http://localhost"))).isFalse();
  }

  @Test
  void aBodyOverTheLimitFromATransportThatIgnoresItIsRefused() {
    RoutedTransport careless = new RoutedTransport(true, new byte[3 << 20]);
    try (PurgeClient client =
        PurgeClient.builder()
            .privateKey(KEY)
            .transport(careless)
            .maxResponseBytes(1 << 20)
            .build()) {
      ResponseTooLargeException sync =
          catchThrowableOfType(ResponseTooLargeException.class, () -> client.status("abc"));
      CompletionException async =
          catchThrowableOfType(
              CompletionException.class, () -> client.async().status("abc").join());

      assertThat(sync)
          .hasMessageContaining("the response body is larger than the limit of 1048576 bytes")
          .hasMessageContaining("(attempt 1)");
      assertThat(sync.limitBytes()).isEqualTo(1 << 20);
      assertThat(sync.getCause()).hasMessageContaining("returned a body of 3145728 bytes");
      assertThat(async.getCause()).isInstanceOf(ResponseTooLargeException.class);
      assertThat(careless.asked).as("not retried").hasSize(2);
    }
  }

  @Test
  void aBodyAtTheLimitIsRead() {
    byte[] body = "{\"status\":\"Completed\"}".getBytes();
    try (PurgeClient client =
        PurgeClient.builder()
            .privateKey(KEY)
            .transport(new RoutedTransport(true, body))
            .maxResponseBytes(body.length)
            .build()) {
      assertThat(client.status("abc").status()).isNotNull();
    }
  }

  @Test
  void aSelectorIsDirectOnlyWhenItOffersNoProxyAtAll() {
    URI target = URI.create("http://localhost:1");
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy", 3128));

    assertThat(ProxyRoutes.direct(null, target)).isTrue();
    assertThat(ProxyRoutes.direct(selector(List.of(Proxy.NO_PROXY)), target)).isTrue();
    assertThat(ProxyRoutes.direct(selector(List.of(proxy)), target)).isFalse();
    assertThat(ProxyRoutes.direct(selector(List.of(Proxy.NO_PROXY, proxy)), target)).isFalse();
    assertThat(ProxyRoutes.direct(selector(List.of()), target)).isFalse();
    assertThat(ProxyRoutes.direct(selector(null), target)).isFalse();
    assertThat(ProxyRoutes.direct(ProxySelector.of(new InetSocketAddress(3128)), target)).isFalse();
  }

  private static ProxySelector selector(List<Proxy> proxies) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        if (proxies == null) {
          throw new IllegalStateException("no answer");
        }
        return proxies;
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }
}
