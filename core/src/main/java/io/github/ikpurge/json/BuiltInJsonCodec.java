package io.github.ikpurge.json;

import io.github.ikpurge.spi.JsonCodec;
import java.util.Map;

/**
 * The codec core ships so that it needs no JSON library, named {@code builtin}. The client uses it
 * when no {@link io.github.ikpurge.spi.JsonCodecProvider} is found; pass it to the builder's {@code
 * jsonCodec} to use it whatever is on the class path. Strict as {@link JsonCodec} asks: one UTF-8
 * object, no duplicate names, at most 64 levels deep. Stateless and thread-safe.
 */
public final class BuiltInJsonCodec implements JsonCodec {

  private static final BuiltInJsonCodec INSTANCE = new BuiltInJsonCodec();

  private BuiltInJsonCodec() {}

  /** {@return the codec; it holds no state, so every call returns the same one} */
  public static BuiltInJsonCodec create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "builtin";
  }

  @Override
  public byte[] writeObject(Map<String, String> members) {
    return JsonWriter.writeObject(members);
  }

  @Override
  public Map<String, Object> readObject(byte[] json) {
    return new JsonReader(json).readDocument();
  }

  @Override
  public String toString() {
    return "JsonCodec[builtin]";
  }
}
