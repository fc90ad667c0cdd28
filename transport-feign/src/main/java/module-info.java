/**
 * The ikpurge transport on OpenFeign. {@code feign.core} is required transitively because {@link
 * io.github.ikpurge.transport.feign.FeignHttpTransport} accepts Feign's {@code Client}, {@code
 * AsyncClient} in its public factories.
 */
module io.github.ikpurge.transport.feign {
  requires transitive io.github.ikpurge.core;
  requires transitive feign.core;
  requires feign.slf4j;
  requires org.slf4j;
  // To keep HttpURLConnection's FINE logging, which prints request headers, switched off.
  requires java.logging;

  exports io.github.ikpurge.transport.feign;

  provides io.github.ikpurge.spi.TransportProvider with
      io.github.ikpurge.transport.feign.FeignTransportProvider;
}
