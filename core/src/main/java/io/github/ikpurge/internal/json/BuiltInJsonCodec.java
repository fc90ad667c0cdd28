package io.github.ikpurge.internal.json;

import io.github.ikpurge.spi.JsonCodec;
import java.util.Map;

/** The codec core ships so that it needs no JSON library. */
public final class BuiltInJsonCodec implements JsonCodec {

  /** The one instance; it holds no state. */
  public static final BuiltInJsonCodec INSTANCE = new BuiltInJsonCodec();

  private BuiltInJsonCodec() {}

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
