package io.github.ikpurge.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInJsonCodecTest {

  private final JsonCodec codec = BuiltInJsonCodec.create();

  private Map<String, Object> read(String json) {
    return codec.readObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theCodecNamesItselfInLogsAndErrors() {
    assertThat(codec.name()).isEqualTo("builtin");
    assertThat(codec).hasToString("JsonCodec[builtin]");
  }

  @Test
  void readsEveryKindOfValue() {
    Map<String, Object> object =
        read(
            " {\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"n\":-12.5e+3, \"z\":0,"
                + " \"t\":true, \"f\":false, \"x\":null, \"a\":[1,[],{}], \"o\":{\"k\":\"v\"}} ");

    assertThat(object.get("s")).isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00");
    assertThat(object.get("n")).isEqualTo(new BigDecimal("-12.5e+3"));
    assertThat(object.get("z")).isEqualTo(BigDecimal.ZERO);
    assertThat(object.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(object.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(object.get("x")).isSameAs(JsonCodec.NULL);
    assertThat(object.get("a")).isEqualTo(List.of(BigDecimal.ONE, List.of(), Map.of()));
    assertThat(object.get("o")).isEqualTo(Map.of("k", "v"));
    assertThat(object.keySet()).containsExactly("s", "n", "z", "t", "f", "x", "a", "o");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "\"text\"",
        "42",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":+1}",
        "{\"a\":NaN}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"unterminated}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":[1,2}",
        "{\"a\":1}\u0000"
      })
  void refusesAnythingThatIsNotExactlyOneWellFormedObject(String json) {
    assertThatThrownBy(() -> read(json)).isInstanceOf(JsonCodecException.class);
  }

  @Test
  void refusesInvalidUtf8AndAByteOrderMark() {
    byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    assertThatThrownBy(() -> codec.readObject(invalid)).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> codec.readObject(bom)).hasMessageContaining("byte order mark");
  }

  @Test
  void refusesNestingDeeperThanTheLimitButAcceptsTheLimit() {
    String atLimit = "[".repeat(JsonReader.MAX_DEPTH - 1) + "]".repeat(JsonReader.MAX_DEPTH - 1);
    String overLimit = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);

    assertThat(read("{\"a\":" + atLimit + "}")).containsKey("a");
    assertThatThrownBy(() -> read("{\"a\":" + overLimit + "}"))
        .hasMessageContaining("nesting deeper");
  }

  @Test
  void refusesNumbersLongerThanTheLimitButAcceptsTheLimit() {
    String atLimit = "1".repeat(JsonReader.MAX_NUMBER_LENGTH);

    assertThat(read("{\"n\":" + atLimit + "}").get("n")).isEqualTo(new BigDecimal(atLimit));
    assertThatThrownBy(() -> read("{\"n\":" + atLimit + "1}"))
        .hasMessageContaining("number longer");
  }

  @Test
  void writesEscapesWhereJsonRequiresThem() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("url", "a\"b\\c/\u00e9\u0001\n\u007f\ud83d\ude00");
    members.put("lone", "x\ud800y");

    String json = new String(codec.writeObject(members), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"url\":\"a\\\"b\\\\c/\u00e9\\u0001\\n\\u007f\ud83d\ude00\",\"lone\":\"x\\ud800y\"}");
    // A lone surrogate is written escaped, so the bytes stay UTF-8, but is refused when read back.
    assertThatThrownBy(() -> codec.readObject(codec.writeObject(members)))
        .hasMessageContaining("lone surrogate");
    members.remove("lone");
    assertThat(codec.readObject(codec.writeObject(members))).isEqualTo(members);
  }

  static Stream<Arguments> written() {
    return Stream.of(
        Arguments.of("a b", "\"a b\""),
        Arguments.of("~", "\"~\""),
        Arguments.of("a\u001fb", "\"a\\u001fb\""),
        Arguments.of("\u007f", "\"\\u007f\""),
        Arguments.of("a\ud800", "\"a\\ud800\""),
        Arguments.of("\udc00a", "\"\\udc00a\""),
        Arguments.of("\ud83d\ude00", "\"\ud83d\ude00\""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("written")
  void writesPrintableCharactersAsTheyAreAndEscapesTheRest(String value, String written) {
    String json = new String(codec.writeObject(Map.of("k", value)), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"k\":" + written + "}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800x\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\\ud800\\ud800\"}",
        "{\"a\":\"\\udc00\\ud800\"}",
        "{\"\\ud800\":1}"
      })
  void refusesEscapedLoneSurrogatesInValuesAndNames(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(JsonCodecException.class)
        .hasMessageContaining("lone surrogate escape");
  }

  @Test
  void readsAnEscapedSurrogatePairAsOneCharacter() {
    assertThat(read("{\"a\":\"\\uD83D\\uDE00\"}").get("a")).isEqualTo("\ud83d\ude00");
  }

  @Test
  void refusesNumbersWhoseExponentIsBeyondTheScaleLimitButAcceptsTheLimit() {
    int limit = JsonReader.MAX_SCALE;

    assertThat(read("{\"n\":1e" + limit + "}").get("n")).isEqualTo(new BigDecimal("1e" + limit));
    assertThat(read("{\"n\":1e-" + limit + "}").get("n")).isEqualTo(new BigDecimal("1e-" + limit));
    assertThatThrownBy(() -> read("{\"n\":1e" + (limit + 1) + "}"))
        .hasMessage("number out of range: its exponent is beyond 100000 either way at character 5");
    assertThatThrownBy(() -> read("{\"n\":0.1e-" + limit + "}"))
        .hasMessageContaining("number out of range");
    assertThatThrownBy(() -> read("{\"n\":1e999999999}")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> read("{\"n\":1e9999999999}")).hasMessageContaining("out of range");
  }

  @Test
  void readsWhitespaceAroundEveryToken() {
    Map<String, Object> object =
        read("{ \"a\" : [ 1 , 2 ] ,\t\"b\"\n:\r{ } , \"c\" : [ ] , \"d\" : { \"e\" : 0 } }");

    assertThat(object)
        .isEqualTo(
            Map.of(
                "a", List.of(BigDecimal.ONE, new BigDecimal(2)),
                "b", Map.of(),
                "c", List.of(),
                "d", Map.of("e", BigDecimal.ZERO)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "9", "10", "19", "90", "-0", "1.09", "9.90", "9e09", "1E+9", "1e-0"})
  void readsNumbersWithEveryDigit(String number) {
    assertThat(read("{\"n\":" + number + "}").get("n")).isEqualTo(new BigDecimal(number));
  }

  @Test
  void refusesObjectNestingDeeperThanTheLimitButAcceptsTheLimit() {
    assertThat(read(nestedObjects(JsonReader.MAX_DEPTH))).containsKey("a");
    assertThatThrownBy(() -> read(nestedObjects(JsonReader.MAX_DEPTH + 1)))
        .hasMessage("nesting deeper than 64 levels at character " + 5 * JsonReader.MAX_DEPTH);
  }

  /** An object holding objects, {@code depth} levels in all. */
  private static String nestedObjects(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  @Test
  void refusesAByteOrderMarkAlone() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    assertThatThrownBy(() -> codec.readObject(bom))
        .hasMessage("a byte order mark is not allowed at the start of JSON");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"a":                | unexpected end of input, expected a value at character 5
          {"a":1               | expected ',' or '}' in an object at character 6
          {"a":[1              | expected ',' or ']' in an array at character 7
          {"a":"\\              | unterminated escape at character 7
          {"a":"\\x"}           | invalid escape \\'x' at character 7
          {"a":"\\ "}           | invalid escape \\' ' at character 7
          {"a":"\\~"}           | invalid escape \\'~' at character 7
          {"a":"\\u0041        | unterminated string at character 12
          {"a":"\\u00          | unterminated \\u escape at character 8
          {"a":"\\udc00"}      | lone surrogate escape \\udc00 (a low surrogate with no high one) at character 6
          {"a":"x\\ud800"}     | lone surrogate escape \\ud800 (a high surrogate with no low one) at character 7
          {"a":~}              | unexpected character '~' at character 5
          {"a":!}              | unexpected character '!' at character 5
          """)
  void errorsNameTheProblemAndWhereItIs(String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isExactlyInstanceOf(JsonCodecException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "U+{0}: {1}")
  @CsvSource({"0001, U+0001", "001F, U+001F", "007F, U+007F", "00E9, U+00E9"})
  void charactersOutsidePrintableAsciiAreNamedByCodePoint(String codePoint, String named) {
    String c = Character.toString(Integer.parseInt(codePoint, 16));

    assertThatThrownBy(() -> read("{\"a\":" + c + "}"))
        .hasMessage("unexpected character " + named + " at character 5");
    assertThatThrownBy(() -> read("{\"a\":\"\\" + c + "\"}"))
        .hasMessage("invalid escape \\" + named + " at character 7");
  }

  @Test
  void errorsSayWhereTheProblemIs() {
    assertThatThrownBy(() -> read("{\"a\":1,}"))
        .hasMessage("expected a member name in double quotes at character 7");
  }
}
