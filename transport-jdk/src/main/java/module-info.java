/** The ikpurge transport on the JDK's {@code java.net.http.HttpClient}. */
module io.github.ikpurge.transport.jdk {
  requires transitive io.github.ikpurge.core;
  requires transitive java.net.http;

  exports io.github.ikpurge.transport.jdk;

  provides io.github.ikpurge.spi.TransportProvider with
      io.github.ikpurge.transport.jdk.JdkTransportProvider;
}
