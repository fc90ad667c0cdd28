package io.github.ikpurge.json;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The Jazzer fuzz target of the built-in codec: any input must end in a value or a {@link
 * JsonCodecException} with a message. A value must hold only the documented types, respect the
 * limits, and, when it is a flat object of strings, survive {@code writeObject} then {@code
 * readObject} unchanged. Anything else (another exception, a stack overflow) is a finding. Run by
 * {@link io.github.ikpurge.internal.FuzzingRunTest}.
 */
public final class JsonCodecFuzzTarget {

  private static final JsonCodec CODEC = BuiltInJsonCodec.create();

  private JsonCodecFuzzTarget() {}

  /**
   * Called by the fuzzer once per input.
   *
   * @param input any bytes
   */
  public static void fuzzerTestOneInput(byte[] input) {
    Map<String, Object> object;
    try {
      object = CODEC.readObject(input);
    } catch (JsonCodecException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new IllegalStateException("a refusal without a message", e);
      }
      return;
    }
    check(object, 1);
    if (object.values().stream().allMatch(String.class::isInstance)) {
      @SuppressWarnings("unchecked")
      Map<String, String> strings = (Map<String, String>) (Map<String, ?>) object;
      Map<String, Object> again = CODEC.readObject(CODEC.writeObject(strings));
      if (!again.equals(object)) {
        throw new IllegalStateException("write then read changed " + object + " into " + again);
      }
    }
  }

  private static void check(Object value, int depth) {
    if (depth > JsonReader.MAX_DEPTH) {
      throw new IllegalStateException("accepted nesting " + depth + " deep");
    }
    if (value instanceof Map<?, ?> map) {
      mustBeUnmodifiable(map);
      map.forEach(
          (name, member) -> {
            checkString((String) name);
            check(member, depth + 1);
          });
    } else if (value instanceof List<?> list) {
      mustBeUnmodifiable(list);
      list.forEach(element -> check(element, depth + 1));
    } else if (value instanceof String text) {
      checkString(text);
    } else if (value instanceof BigDecimal number) {
      if (Math.abs((long) number.scale()) > JsonReader.MAX_SCALE) {
        throw new IllegalStateException("accepted a number of scale " + number.scale());
      }
    } else if (!(value instanceof Boolean) && value != JsonCodec.NULL) {
      throw new IllegalStateException("a value of an undocumented type: " + value.getClass());
    }
  }

  private static void checkString(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))) {
        throw new IllegalStateException("accepted a lone high surrogate");
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalStateException("accepted a lone low surrogate");
      }
    }
  }

  private static void mustBeUnmodifiable(Object collection) {
    try {
      if (collection instanceof Map<?, ?> map) {
        map.clear();
      } else {
        ((List<?>) collection).clear();
      }
    } catch (UnsupportedOperationException expected) {
      return;
    }
    throw new IllegalStateException("a modifiable collection was returned");
  }
}
