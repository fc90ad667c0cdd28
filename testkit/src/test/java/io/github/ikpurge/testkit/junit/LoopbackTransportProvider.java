package io.github.ikpurge.testkit.junit;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A bare transport on the JDK's HttpClient for the testkit's own tests: the real transports depend
 * on the testkit (through the conformance suite), so none can be a test dependency of it.
 */
public final class LoopbackTransportProvider implements TransportProvider {

  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** Creates the provider; the service loader calls it. */
  public LoopbackTransportProvider() {}

  @Override
  public String name() {
    return "loopback";
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public String artifact() {
    return "io.github.ikpurge:ikpurge-testkit (tests)";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    options.sslContext().ifPresent(builder::sslContext);
    return new Transport(builder.build());
  }

  private record Transport(HttpClient client) implements HttpTransport {

    @Override
    public TransportResponse execute(TransportRequest request)
        throws IOException, InterruptedException {
      return map(client.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return client
          .sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(Transport::map);
    }

    @Override
    public String name() {
      return "loopback";
    }

    @Override
    public boolean connectsDirectly(URI target) {
      return true;
    }

    @Override
    public void close() {}

    private static HttpRequest toJdk(TransportRequest request) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(request.uri())
              .timeout(request.timeout())
              .method(
                  request.method(),
                  request
                      .body()
                      .map(HttpRequest.BodyPublishers::ofByteArray)
                      .orElse(HttpRequest.BodyPublishers.noBody()));
      request
          .headers()
          .asMap()
          .forEach(
              (name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> builder.header(name, value));
                }
              });
      return builder.build();
    }

    private static TransportResponse map(HttpResponse<byte[]> response) {
      return TransportResponse.of(
          response.statusCode(), Headers.of(response.headers().map()), response.body());
    }
  }
}
