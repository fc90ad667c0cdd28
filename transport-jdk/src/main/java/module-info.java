/**
 * The ikpurge transport on the JDK's {@code java.net.http.HttpClient}, with blocking calls on
 * {@code java.net.HttpURLConnection} by default.
 */
module io.github.ikpurge.transport.jdk {
  requires transitive io.github.ikpurge.core;
  requires transitive java.net.http;
  // To keep HttpURLConnection's logger, which prints request headers at FINE, at INFO.
  requires java.logging;

  exports io.github.ikpurge.transport.jdk;

  provides io.github.ikpurge.spi.TransportProvider with
      io.github.ikpurge.transport.jdk.JdkTransportProvider;
}
