package io.github.ikpurge.conformance;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run in a JVM of its own by {@link LibraryLoggingConformanceTest}, with the JDK client's own log
 * on: sets every HTTP library's own loggers to their finest level, as an application debugging its
 * traffic would, makes a status query and a purge, sync and async, through a transport built from
 * options, and prints every log line captured, one per line, newlines escaped.
 */
public final class LibraryLoggingCheck {

  /** The private key the run uses. */
  static final String KEY = "private_logged_key_4711";

  /** The loggers the HTTP libraries write requests to, headers or bytes. */
  static final List<String> LIBRARY_LOGGERS =
      List.of(
          "jdk.httpclient.HttpClient",
          "sun.net.www.protocol.http.HttpURLConnection",
          "org.apache.hc.client5.http.wire",
          "org.apache.hc.client5.http.headers",
          "org.apache.hc.client5.http",
          "feign");

  private LibraryLoggingCheck() {}

  /**
   * Runs the check.
   *
   * @param args the provider's class name
   * @throws Exception when a call fails
   */
  public static void main(String[] args) throws Exception {
    TransportProvider provider =
        (TransportProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    List<Logger> pinned = new ArrayList<>();
    for (String name : LIBRARY_LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.ALL);
      pinned.add(logger);
    }
    List<String> lines;
    try (LogCapture capture = LogCapture.start();
        HostilePeer peer = HostilePeer.start(HostileWire.answerOk("HTTP/1.1 200 OK", ""));
        HttpTransport transport = provider.create(TransportOptions.defaults());
        PurgeClient client =
            PurgeClient.builder()
                .baseUri(peer.uri())
                .privateKey(KEY)
                .transport(transport)
                .build()) {
      for (boolean post : List.of(false, true)) {
        for (boolean async : List.of(false, true)) {
          Throwable failure = EngineCalls.call(client, post, async);
          if (failure != null) {
            throw new AssertionError("a call failed", failure);
          }
        }
      }
      lines = capture.lines();
    }
    for (String line : lines) {
      System.out.println("LOG " + line.replace("\r", "\\r").replace("\n", "\\n"));
    }
    System.out.println("loggers pinned " + pinned.size());
  }
}
