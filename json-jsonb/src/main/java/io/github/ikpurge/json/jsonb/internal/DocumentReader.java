package io.github.ikpurge.json.jsonb.internal;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object with Yasson on a Parsson parser, then adds the checks that neither makes.
 *
 * <p>From Parsson: the grammar of RFC 8259 (control characters, escapes, literals, numbers), a byte
 * order mark refused (the input reaches it as characters, where U+FEFF is no whitespace), duplicate
 * member names, nesting and number length. From JSON-P's parser: the check that nothing follows the
 * object ({@link JsonParser#hasNext()}). Added here: strict UTF-8 (Parsson's own decoding replaces
 * bad bytes with U+FFFD), a top-level object only (Yasson binds any value), no escaped lone
 * surrogate (Parsson turns one into a lone {@code char}) and the exponent bound (Parsson bounds it
 * only when a {@code BigInteger} is asked for).
 */
public final class DocumentReader {

  /** The largest scale, either way, of a number read: the built-in codec's bound. */
  public static final int MAX_SCALE = 100_000;

  private final org.eclipse.yasson.YassonJsonb jsonb;
  private final JsonParserFactory parsers;

  /**
   * Creates the reader.
   *
   * @param jsonb the Yasson instance to bind with
   * @param parsers the factory of the parsers to read with, limits set
   */
  public DocumentReader(org.eclipse.yasson.YassonJsonb jsonb, JsonParserFactory parsers) {
    this.jsonb = jsonb;
    this.parsers = parsers;
  }

  /**
   * Reads the bytes as one JSON object.
   *
   * @param json UTF-8 bytes
   * @return the members in document order; strings, {@link BigDecimal}s, booleans, lists, maps and
   *     {@link JsonCodec#NULL}, all unmodifiable
   * @throws JsonCodecException if the input is not exactly one well-formed JSON object within the
   *     limits
   */
  public Map<String, Object> read(byte[] json) {
    String text = decode(json);
    try (JsonParser parser = parsers.createParser(new StringReader(text))) {
      JsonValue value;
      try {
        value = jsonb.fromJson(parser, JsonValue.class);
      } catch (RuntimeException e) {
        throw refused(e, parser);
      }
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new JsonCodecException(
            "expected a JSON object, found "
                + value.getValueType().toString().toLowerCase(java.util.Locale.ROOT)
                + " at character "
                + firstNonWhitespace(text),
            null);
      }
      boolean more;
      try {
        more = parser.hasNext();
      } catch (JsonException e) {
        more = true;
      }
      if (more) {
        throw new JsonCodecException(
            "unexpected content after the JSON object at character "
                + afterWhitespace(text, (int) parser.getLocation().getStreamOffset()),
            null);
      }
      return tree(value.asJsonObject());
    }
  }

  private static String decode(byte[] json) {
    if (json == null) {
      throw new JsonCodecException("no input", null);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(json))
          .toString();
    } catch (CharacterCodingException e) {
      throw new JsonCodecException("the input is not valid UTF-8", e);
    }
  }

  /** Turns what Yasson or Parsson threw into a refusal that says what and where. */
  private static JsonCodecException refused(RuntimeException thrown, JsonParser parser) {
    Throwable cause = thrown;
    while (cause instanceof JsonbException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof JsonParsingException parsing) {
      return new JsonCodecException(
          parsing.getMessage() + " at character " + offset(parsing.getLocation()), thrown);
    }
    String where = " at character " + offset(parser.getLocation());
    String message = String.valueOf(cause.getMessage());
    if (cause.getClass() == RuntimeException.class && message.contains("nested")) {
      return new JsonCodecException(
          "nesting deeper than " + Parsson.MAX_DEPTH + " levels" + where, thrown);
    }
    if (cause instanceof UnsupportedOperationException && message.contains("BigDecimal")) {
      return new JsonCodecException(
          "number longer than " + Parsson.MAX_NUMBER_LENGTH + " characters" + where, thrown);
    }
    if (cause instanceof IllegalStateException && message.startsWith("Duplicate key")) {
      return new JsonCodecException("duplicate member name: " + message + where, thrown);
    }
    if (cause instanceof NumberFormatException) {
      return new JsonCodecException("number out of range (" + message + ")" + where, thrown);
    }
    return new JsonCodecException(
        cause.getClass().getSimpleName() + ": " + message + where, thrown);
  }

  private static long offset(JsonLocation location) {
    return location == null ? -1 : location.getStreamOffset();
  }

  private static int firstNonWhitespace(String text) {
    return afterWhitespace(text, 0);
  }

  private static int afterWhitespace(String text, int from) {
    int i = Math.max(0, Math.min(from, text.length()));
    while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static Map<String, Object> tree(JsonObject object) {
    try {
      return object(object);
    } catch (Refusal refusal) {
      String path = refusal.path.length() == 0 ? "the top" : "JSON pointer " + refusal.path;
      throw new JsonCodecException(refusal.getMessage() + " at " + path, null);
    }
  }

  private static Map<String, Object> object(JsonObject object) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      String name = member.getKey();
      try {
        members.put(string(name), value(member.getValue()));
      } catch (Refusal refusal) {
        throw refusal.in(pointer(name));
      }
    }
    return Collections.unmodifiableMap(members);
  }

  private static Object value(JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT:
        return object(value.asJsonObject());
      case ARRAY:
        JsonArray array = value.asJsonArray();
        List<Object> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
          try {
            elements.add(value(array.get(i)));
          } catch (Refusal refusal) {
            throw refusal.in(Integer.toString(i));
          }
        }
        return Collections.unmodifiableList(elements);
      case STRING:
        return string(((JsonString) value).getString());
      case NUMBER:
        return number((JsonNumber) value);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      default:
        return JsonCodec.NULL;
    }
  }

  private static String string(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Refusal(String.format("lone surrogate escape \\u%04x", (int) c));
      }
    }
    return text;
  }

  private static BigDecimal number(JsonNumber number) {
    BigDecimal value = number.bigDecimalValue();
    if (Math.abs((long) value.scale()) > MAX_SCALE) {
      throw new Refusal("number out of range: its exponent is beyond " + MAX_SCALE + " either way");
    }
    return value;
  }

  /** Escapes a member name for a JSON pointer (RFC 6901). */
  private static String pointer(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** A value the checks refuse; the JSON pointer to it is built while it unwinds. */
  private static final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StringBuilder path = new StringBuilder();

    Refusal(String message) {
      super(message, null, false, false);
    }

    Refusal in(String segment) {
      path.insert(0, segment).insert(0, '/');
      return this;
    }
  }
}
