/**
 * The ikpurge JSON codec on Jakarta JSON-B (Yasson, on JSON-P's Parsson). On the class or module
 * path it is found through {@link java.util.ServiceLoader} and preferred over core's built-in
 * codec; it reads and writes exactly as the built-in one does.
 */
module io.github.ikpurge.json.jsonb {
  requires transitive io.github.ikpurge.core;
  requires jakarta.json;
  requires jakarta.json.bind;
  requires org.eclipse.yasson;
  requires org.eclipse.parsson;

  exports io.github.ikpurge.json.jsonb;

  // The codec asks for Parsson's JSON-P provider by name: its limits are Parsson's settings.
  uses jakarta.json.spi.JsonProvider;

  provides io.github.ikpurge.spi.JsonCodecProvider with
      io.github.ikpurge.json.jsonb.JsonbCodecProvider;
}
