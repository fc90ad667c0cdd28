/**
 * The ikpurge core: the purge client, its domain, error model and transport SPI, and the Java- and
 * .NET-style facades. It needs nothing beyond {@code java.base}; add one transport module, such as
 * {@code io.github.ikpurge.transport.jdk}, to make calls.
 */
module io.github.ikpurge.core {
  exports io.github.ikpurge;
  exports io.github.ikpurge.bulk;
  exports io.github.ikpurge.domain;
  exports io.github.ikpurge.error;
  exports io.github.ikpurge.spi;
  exports io.github.ikpurge.json;
  exports io.github.ikpurge.facade;
  exports io.github.ikpurge.facade.dotnet;

  uses io.github.ikpurge.spi.TransportProvider;
  uses io.github.ikpurge.spi.JsonCodecProvider;
}
