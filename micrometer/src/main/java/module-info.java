/**
 * Micrometer metrics and observations of ikpurge's calls: {@link
 * io.github.ikpurge.micrometer.MicrometerCallListener}, a {@code CallListener} to register on a
 * client.
 *
 * <p>{@code micrometer.core} and {@code micrometer.observation} are automatic modules, required
 * transitively because the listener's factories accept their registries.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.ikpurge.micrometer {
  requires transitive io.github.ikpurge.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports io.github.ikpurge.micrometer;
}
