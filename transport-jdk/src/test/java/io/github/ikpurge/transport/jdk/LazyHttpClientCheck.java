package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.conformance.HostilePeer;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own, with class loading logged, by {@link UrlConnectionLazyClientTest}: makes
 * blocking calls through a transport of the {@code jdk} provider, prints a marker and the number of
 * HttpClient selector threads, then makes an asynchronous call and prints them again.
 */
public final class LazyHttpClientCheck {

  /** Printed once the blocking calls are done, before the first asynchronous one. */
  static final String SYNC_DONE = "MARK blocking calls done";

  private LazyHttpClientCheck() {}

  /**
   * Runs the check.
   *
   * @param args none
   * @throws Exception when a call fails
   */
  public static void main(String[] args) throws Exception {
    try (HostilePeer peer =
            HostilePeer.start(
                (connection, request) ->
                    connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        HttpTransport transport = new JdkTransportProvider().create(TransportOptions.defaults())) {
      TransportRequest request =
          TransportRequest.builder()
              .method("GET")
              .uri(URI.create(peer.uri() + "/v1/files/purge/abc"))
              .headers(Headers.builder().add("Authorization", "Basic a2V5Og==").build())
              .timeout(Duration.ofSeconds(20))
              .build();
      for (int i = 0; i < 3; i++) {
        check(transport.execute(request).statusCode());
      }
      System.out.println(SYNC_DONE + ", selector threads " + selectorThreads());
      check(transport.executeAsync(request).get(20, TimeUnit.SECONDS).statusCode());
      System.out.println("MARK async call done, selector threads " + selectorThreads());
    }
  }

  private static void check(int status) {
    if (status != 200) {
      throw new AssertionError("status " + status);
    }
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().endsWith("-SelectorManager"))
        .count();
  }
}
