package io.github.ikpurge.json.jsonb;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecProvider;

/**
 * Provides the {@link JsonbCodec} to ikpurge's discovery, under the name {@code jsonb} and with
 * priority 100, so that it is preferred over the built-in codec (priority 0) when on the path.
 */
public final class JsonbCodecProvider implements JsonCodecProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JsonbCodecProvider() {}

  @Override
  public String name() {
    return "jsonb";
  }

  @Override
  public int priority() {
    return 100;
  }

  /** {@return the shared {@link JsonbCodec}} */
  @Override
  public JsonCodec create() {
    return JsonbCodec.create();
  }

  @Override
  public String toString() {
    return "JsonCodecProvider[jsonb, priority 100]";
  }
}
