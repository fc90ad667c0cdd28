/**
 * The ikpurge transport on Apache HttpClient 5: pooled classic (blocking) and async clients.
 *
 * <p>httpclient5 and httpcore5 are automatic modules; httpclient5 is required transitively because
 * {@link io.github.ikpurge.transport.apache.ApacheHttpTransport} accepts its clients.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.ikpurge.transport.apache {
  requires transitive io.github.ikpurge.core;
  requires transitive org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.apache.httpcomponents.core5.httpcore5.h2;
  requires org.slf4j;
  // httpcore5, an automatic module, sets socket options through jdk.net.Sockets; on the module
  // path nothing else makes jdk.net resolve.
  requires jdk.net;

  exports io.github.ikpurge.transport.apache;

  provides io.github.ikpurge.spi.TransportProvider with
      io.github.ikpurge.transport.apache.ApacheTransportProvider;
}
