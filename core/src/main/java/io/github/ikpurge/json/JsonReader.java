package io.github.ikpurge.json;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for one JSON object: no trailing content, no duplicate names, no byte
 * order mark, valid UTF-8 only, no escaped lone surrogate, nesting at most {@value #MAX_DEPTH}
 * deep, numbers at most {@value #MAX_NUMBER_LENGTH} characters long and with a scale (the power of
 * ten {@link BigDecimal} keeps) within {@value #MAX_SCALE} either way, so that hostile input costs
 * linear time to read and the numbers it yields cost no more to use.
 */
final class JsonReader {

  static final int MAX_DEPTH = 64;
  static final int MAX_NUMBER_LENGTH = 100;

  /**
   * The largest scale, either way, of a number read. {@code 1e999999999} is 11 characters, but its
   * {@code intValue()} or {@code toPlainString()} builds a billion digits; JSON-P (Parsson) and
   * Jackson refuse to turn a {@code BigDecimal} of a larger scale into a {@code BigInteger}. Since
   * this reader hands out {@code BigDecimal}s, it refuses them when reading.
   */
  static final int MAX_SCALE = 100_000;

  private final String text;
  private int pos;

  JsonReader(byte[] json) {
    this.text = decode(json);
  }

  Map<String, Object> readDocument() {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("empty input, expected a JSON object");
    }
    if (peek() != '{') {
      throw error("expected a JSON object");
    }
    Map<String, Object> object = readObject(1);
    skipWhitespace();
    if (pos < text.length()) {
      throw error("unexpected content after the JSON object");
    }
    return object;
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decode(byte[] json) {
    if (json == null) {
      throw new JsonCodecException("no input", null);
    }
    if (json.length >= 3
        && (json[0] & 0xff) == 0xef
        && (json[1] & 0xff) == 0xbb
        && (json[2] & 0xff) == 0xbf) {
      throw new JsonCodecException("a byte order mark is not allowed at the start of JSON", null);
    }
    if (isAscii(json)) {
      // API answers are ASCII: no decoder needed, and no invalid UTF-8 is possible.
      return new String(json, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(json));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new JsonCodecException("the input is not valid UTF-8", e);
    }
  }

  private Map<String, Object> readObject(int depth) {
    checkDepth(depth);
    pos++; // '{'
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peekIs('}')) {
      pos++;
      return Collections.unmodifiableMap(members);
    }
    while (true) {
      skipWhitespace();
      if (!peekIs('"')) {
        throw error("expected a member name in double quotes");
      }
      int namePos = pos;
      String name = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = readValue(depth);
      if (members.putIfAbsent(name, value) != null) {
        pos = namePos;
        throw error("duplicate member name \"" + name + "\"");
      }
      skipWhitespace();
      if (peekIs(',')) {
        pos++;
      } else if (peekIs('}')) {
        pos++;
        return Collections.unmodifiableMap(members);
      } else {
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private List<Object> readArray(int depth) {
    checkDepth(depth);
    pos++; // '['
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peekIs(']')) {
      pos++;
      return Collections.unmodifiableList(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue(depth));
      skipWhitespace();
      if (peekIs(',')) {
        pos++;
      } else if (peekIs(']')) {
        pos++;
        return Collections.unmodifiableList(elements);
      } else {
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private Object readValue(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = peek();
    return switch (c) {
      case '{' -> readObject(depth + 1);
      case '[' -> readArray(depth + 1);
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", JsonCodec.NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character " + describe(c));
      }
    };
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("invalid literal, expected " + literal);
    }
    pos += literal.length();
    return value;
  }

  private BigDecimal readNumber() {
    int start = pos;
    if (peekIs('-')) {
      pos++;
    }
    if (peekIs('0')) {
      pos++;
    } else if (peekDigit()) {
      skipDigits();
    } else {
      throw error("invalid number: expected a digit");
    }
    if (peekIs('.')) {
      pos++;
      if (!peekDigit()) {
        throw error("invalid number: expected a digit after '.'");
      }
      skipDigits();
    }
    if (peekIs('e') || peekIs('E')) {
      pos++;
      if (peekIs('+') || peekIs('-')) {
        pos++;
      }
      if (!peekDigit()) {
        throw error("invalid number: expected a digit in the exponent");
      }
      skipDigits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      pos = start;
      throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("number out of range");
    }
    if (Math.abs((long) value.scale()) > MAX_SCALE) {
      pos = start;
      throw error("number out of range: its exponent is beyond " + MAX_SCALE + " either way");
    }
    return value;
  }

  private String readString() {
    pos++; // opening quote
    StringBuilder out = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String value =
            out == null
                ? text.substring(runStart, pos)
                : out.append(text, runStart, pos).toString();
        pos++;
        return value;
      }
      if (c < 0x20) {
        throw error("unescaped control character " + describe(c) + " in a string");
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(text, runStart, pos);
        pos++;
        readEscape(out);
        runStart = pos;
      } else {
        pos++;
      }
    }
  }

  private void readEscape(StringBuilder out) {
    if (pos >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case '/' -> out.append('/');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> out.append(readUnicodeEscape());
      default -> {
        pos--;
        throw error("invalid escape \\" + describe(c));
      }
    }
  }

  /**
   * Reads the four hex digits of a unicode escape, and the low surrogate that must follow a high
   * one: an escaped lone surrogate is no Unicode character, cannot be written in UTF-8 (raw, its
   * bytes are refused as invalid UTF-8) and is refused as I-JSON (RFC 7493) requires.
   */
  private String readUnicodeEscape() {
    int escapeStart = pos - 2;
    char c = readHex4();
    if (Character.isLowSurrogate(c)) {
      pos = escapeStart;
      throw error("lone surrogate escape " + hex(c) + " (a low surrogate with no high one)");
    }
    if (!Character.isHighSurrogate(c)) {
      return String.valueOf(c);
    }
    if (!text.startsWith("\\u", pos)) {
      pos = escapeStart;
      throw error("lone surrogate escape " + hex(c) + " (a high surrogate with no low one)");
    }
    pos += 2;
    char low = readHex4();
    if (!Character.isLowSurrogate(low)) {
      pos = escapeStart;
      throw error("lone surrogate escape " + hex(c) + " (followed by " + hex(low) + ")");
    }
    return new String(new char[] {c, low});
  }

  private static String hex(char c) {
    return String.format("\\u%04x", (int) c);
  }

  private char readHex4() {
    if (pos + 4 > text.length()) {
      throw error("unterminated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos), 16);
      if (digit < 0 || text.charAt(pos) > 'f') {
        throw error("invalid hex digit in \\u escape");
      }
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) {
    if (!peekIs(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private void skipDigits() {
    while (peekDigit()) {
      pos++;
    }
  }

  private boolean peekDigit() {
    return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
  }

  private boolean peekIs(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private char peek() {
    return text.charAt(pos);
  }

  private JsonCodecException error(String problem) {
    return new JsonCodecException(problem + " at character " + pos, null);
  }

  private static String describe(char c) {
    return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }
}
