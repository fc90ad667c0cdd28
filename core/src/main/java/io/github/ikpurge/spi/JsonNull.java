package io.github.ikpurge.spi;

/** The JSON {@code null} value; see {@link JsonCodec#NULL}. */
final class JsonNull {

  static final JsonNull INSTANCE = new JsonNull();

  private JsonNull() {}

  @Override
  public String toString() {
    return "null";
  }
}
