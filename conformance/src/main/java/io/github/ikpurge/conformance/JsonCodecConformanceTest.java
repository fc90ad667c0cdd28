package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link JsonCodec} must do, so that the client behaves the same whichever codec it
 * finds: read exactly one UTF-8 JSON object within the limits, refuse everything else with a {@link
 * JsonCodecException} that says what and where, write the same bytes, and read or refuse hostile
 * documents of 1 MiB quickly. A codec module extends this class and implements {@link #codec()};
 * nothing else changes.
 */
public abstract class JsonCodecConformanceTest {

  /** The deepest nesting accepted, the outer object counting as one level. */
  protected static final int MAX_DEPTH = 64;

  /** The longest number accepted, in characters. */
  protected static final int MAX_NUMBER_LENGTH = 100;

  /** The largest scale (power of ten) of a number accepted, either way. */
  protected static final int MAX_SCALE = 100_000;

  /**
   * How long reading or refusing one hostile 1 MiB document may take. Not a benchmark (the codec's
   * speed is measured in {@code benchmarks}): a reader that is quadratic in some input takes
   * minutes on a megabyte and a linear one milliseconds, so a bound of seconds tells them apart on
   * a loaded machine too.
   */
  protected static final Duration HOSTILE_DOCUMENT_BOUND = Duration.ofSeconds(15);

  /** Returns the codec under test. */
  protected abstract JsonCodec codec();

  private Map<String, Object> read(String json) {
    return codec().readObject(json.getBytes(StandardCharsets.UTF_8));
  }

  private JsonCodecException refusal(String json) {
    return refusal(json.getBytes(StandardCharsets.UTF_8));
  }

  private JsonCodecException refusal(byte[] json) {
    JsonCodecException error =
        catchThrowableOfType(JsonCodecException.class, () -> codec().readObject(json));
    assertThat(error).as("refused").isNotNull();
    assertThat(error.getMessage()).as("the refusal's message").isNotBlank();
    return error;
  }

  @Test
  void readsEveryKindOfValueInDocumentOrder() {
    Map<String, Object> object =
        read(
            " {\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\u00e9\ud83d\ude00\","
                + " \"n\":-12.5e+3, \"z\":0, \"m\":-0, \"d\":1.50, \"t\":true, \"f\":false,"
                + " \"x\":null, \"a\":[1,[],{}], \"o\":{\"k\":\"v\",\"j\":[null]}, \"\":\"\"}\r\n");

    assertThat(object.keySet())
        .containsExactly("s", "n", "z", "m", "d", "t", "f", "x", "a", "o", "");
    assertThat(object.get("s"))
        .isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00\u00e9\ud83d\ude00");
    assertThat(object.get("n")).isEqualTo(new BigDecimal("-12.5e+3"));
    assertThat(object.get("z")).isEqualTo(BigDecimal.ZERO);
    assertThat(object.get("m")).isEqualTo(BigDecimal.ZERO);
    assertThat(object.get("d")).isEqualTo(new BigDecimal("1.50"));
    assertThat(object.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(object.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(object.get("x")).isSameAs(JsonCodec.NULL);
    assertThat(object.get("a")).isEqualTo(List.of(BigDecimal.ONE, List.of(), Map.of()));
    assertThat(object.get("o"))
        .isEqualTo(Map.of("k", "v", "j", Collections.singletonList(JsonCodec.NULL)));
    assertThat(new ArrayList<Object>(((Map<?, ?>) object.get("o")).keySet()))
        .containsExactly("k", "j");
  }

  @Test
  void returnsValuesThatCannotBeChanged() {
    Map<String, Object> object = read("{\"a\":[1],\"o\":{}}");

    assertThatThrownBy(() -> object.put("b", "c"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) object.get("a")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Map<?, ?>) object.get("o")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "\n\t\r ",
        "[]",
        "[{}]",
        "\"text\"",
        "42",
        "true",
        "null",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{,}",
        "{\"a\":1 \"b\":2}",
        "{\"a\" 1}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":01}",
        "{\"a\":-01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":1e+}",
        "{\"a\":1.e1}",
        "{\"a\":+1}",
        "{\"a\":0x10}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":-Infinity}",
        "{\"a\":tru}",
        "{\"a\":True}",
        "{\"a\":nul}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\U0041\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u\"}",
        "{\"a\":\"\\",
        "{\"a\":\"unterminated}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"new\nline\"}",
        "{\"a\":\"nul\u0000\"}",
        "{\"a\u001f\":1}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1},",
        "{\"a\":1}\u0000",
        "{\"a\":1} \u00a0",
        "\u00a0{\"a\":1}",
        "\u2028{}",
        "\ufeff{}",
        "{\"a\":[1,2}",
        "{\"a\":[1,2,]}",
        "{\"a\":{\"b\":1]}",
        "{\"a\":1}]",
        "/* comment */{}",
        "{} // comment"
      })
  void refusesAnythingThatIsNotExactlyOneWellFormedObject(String json) {
    refusal(json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\udbff\"}",
        "{\"a\":\"\\ud800x\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\\ud800\\ud800\"}",
        "{\"a\":\"\\udc00\\ud800\"}",
        "{\"a\":[\"ok\",{\"b\":\"\\ud83d\"}]}",
        "{\"\\ud800\":1}"
      })
  void refusesEscapedLoneSurrogates(String json) {
    assertThat(refusal(json)).hasMessageContaining("lone surrogate");
  }

  @Test
  void readsEscapedSurrogatePairsInEitherCase() {
    assertThat(read("{\"a\":\"\\uD83D\\uDE00\\ud83d\\ude00\"}").get("a"))
        .isEqualTo("\ud83d\ude00\ud83d\ude00");
  }

  @ParameterizedTest
  @MethodSource("invalidUtf8")
  void refusesInvalidUtf8(String name, byte[] json) {
    assertThat(refusal(json)).as(name).hasMessageContaining("UTF-8");
  }

  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        utf8Case("a truncated two-byte character", 0xC3),
        utf8Case("a lone continuation byte", 0x80),
        utf8Case("an overlong '/'", 0xC0, 0xAF),
        utf8Case("an overlong NUL", 0xC0, 0x80),
        utf8Case("a surrogate in three bytes (CESU-8)", 0xED, 0xA0, 0x80),
        utf8Case("a code point over U+10FFFF", 0xF4, 0x90, 0x80, 0x80),
        utf8Case("a byte never used in UTF-8", 0xFF),
        utf8Case("a truncated four-byte character", 0xF0, 0x9F, 0x98));
  }

  private static Arguments utf8Case(String name, int... bytes) {
    byte[] json = new byte[bytes.length + 9];
    byte[] head = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, json, 0, head.length);
    for (int i = 0; i < bytes.length; i++) {
      json[head.length + i] = (byte) bytes[i];
    }
    json[json.length - 3] = 'x';
    json[json.length - 2] = '"';
    json[json.length - 1] = '}';
    return Arguments.of(name, json);
  }

  @Test
  void refusesAUtf8ByteOrderMark() {
    refusal(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
  }

  @Test
  void refusesNoInput() {
    assertThatThrownBy(() -> codec().readObject(null)).isInstanceOf(JsonCodecException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"b\":2,\"a\":1}",
        "{\"a\":null,\"a\":null}",
        "{\"o\":{\"k\":1,\"k\":1}}",
        "{\"o\":[{\"k\":1,\"k\":{}}]}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"\":1,\"\":2}"
      })
  void refusesDuplicateMemberNamesAtAnyDepthAndAfterEscapes(String json) {
    assertThat(refusal(json).getMessage()).containsIgnoringCase("duplicate");
  }

  @Test
  void acceptsTheSameNameInDifferentObjects() {
    assertThat(read("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}")).hasSize(2);
  }

  @Test
  void acceptsNestingAtTheLimitAndRefusesOneLevelMore() {
    String arrays = "[".repeat(MAX_DEPTH - 1) + "]".repeat(MAX_DEPTH - 1);
    String objects = "{\"o\":".repeat(MAX_DEPTH - 1) + "{}" + "}".repeat(MAX_DEPTH - 1);

    assertThat(read("{\"a\":" + arrays + "}")).containsKey("a");
    assertThat(read(objects)).containsKey("o");
    assertThat(refusal("{\"a\":[" + arrays + "]}")).hasMessageContaining("nesting deeper");
    assertThat(refusal("{\"o\":" + objects + "}")).hasMessageContaining("nesting deeper");
  }

  @Test
  void refusesDeepNestingWithoutOverflowingTheStack() {
    assertThat(refusal("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"))
        .hasMessageContaining("nesting deeper");
    assertThat(refusal("{\"a\":" + "[".repeat(100_000))).hasMessageContaining("nesting deeper");
  }

  @ParameterizedTest
  @ValueSource(strings = {"|", "-|", "|.5", "-0.|", "|e7", "-|E-7", "|.5e+300", "-0.|e-99"})
  void acceptsNumbersAtTheLengthLimitAndRefusesOneCharacterMore(String shape) {
    String prefix = shape.substring(0, shape.indexOf('|'));
    String suffix = shape.substring(shape.indexOf('|') + 1);
    String digits = "9".repeat(MAX_NUMBER_LENGTH - prefix.length() - suffix.length());
    String atLimit = prefix + digits + suffix;
    String overLimit = prefix + "9" + digits + suffix;

    assertThat(atLimit).hasSize(MAX_NUMBER_LENGTH);
    assertThat(read("{\"n\":" + atLimit + "}").get("n")).isEqualTo(new BigDecimal(atLimit));
    assertThat(refusal("{\"n\":" + overLimit + "}")).hasMessageContaining("number longer");
  }

  @Test
  void acceptsExponentsUpToTheScaleLimitAndRefusesBeyondIt() {
    assertThat(read("{\"n\":1e" + MAX_SCALE + "}").get("n"))
        .isEqualTo(new BigDecimal("1e" + MAX_SCALE));
    assertThat(read("{\"n\":[1E-" + MAX_SCALE + "]}").get("n"))
        .isEqualTo(List.of(new BigDecimal("1e-" + MAX_SCALE)));

    for (String number :
        List.of(
            "1e" + (MAX_SCALE + 1),
            "1e-" + (MAX_SCALE + 1),
            "0.1e-" + MAX_SCALE,
            "1e999999999",
            "-1e-999999999",
            "1e2147483647",
            "1e2147483648",
            "1e9999999999")) {
      assertThat(refusal("{\"n\":" + number + "}")).hasMessageContaining("out of range");
    }
  }

  @Test
  void refusalsSayWhereTheProblemIs() {
    assertThat(refusal("{\"a\":1,}")).hasMessageContaining("character 7");
    assertThat(refusal("{\"a\":tru}")).hasMessageContaining("character");
    assertThat(refusal("{\"a\":1}  x")).hasMessageContaining("character");
    assertThat(refusal("{\"a\":[\"ok\",{\"b\":\"\\ud83d\"}]}").getMessage())
        .containsPattern("character \\d+|/a/1/b");
  }

  @Test
  void writesEscapesWhereJsonRequiresThemAndNothingElse() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("url", "https://ik.imagekit.io/demo/a b/\u00e9\ud83d\ude00.jpg?x=1&y=<2>*");
    members.put("ctl", "a\"b\\c/\u0000\u0001\u001f\b\f\n\r\t\u007f\u0080\u2028");
    members.put("lone", "x\ud800y\udc00");
    members.put("", "");

    String json = new String(codec().writeObject(members), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"url\":\"https://ik.imagekit.io/demo/a b/\u00e9\ud83d\ude00.jpg?x=1&y=<2>*\","
                + "\"ctl\":\"a\\\"b\\\\c/\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\\u007f\u0080\u2028\","
                + "\"lone\":\"x\\ud800y\\udc00\",\"\":\"\"}");
  }

  @Test
  void readsBackWhatItWritesInTheSameOrder() {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("z", "last letter first");
    members.put("url", "https://ik.imagekit.io/demo/\u00e9\ud83d\ude00\"\\\n\u007f*");
    members.put("a", "");

    Map<String, Object> read = codec().readObject(codec().writeObject(members));

    assertThat(read).isEqualTo(members);
    assertThat(read.keySet()).containsExactly("z", "url", "a");
    assertThat(new String(codec().writeObject(Map.of()), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void refusesToWriteNulls() {
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("url", null);
    Map<String, String> nullName = new LinkedHashMap<>();
    nullName.put(null, "x");

    assertThatThrownBy(() -> codec().writeObject(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> codec().writeObject(nullValue))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> codec().writeObject(nullName))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void readsOrRefusesEveryHostileMegabyteDocumentWithinTheBound() {
    // One small read first, so that class loading is not counted against the first document.
    read("{\"warm\":[1,\"up\",{}]}");
    List<String> slow = new ArrayList<>();
    Map<String, byte[]> documents = HostileJson.documents(MAX_DEPTH, MAX_NUMBER_LENGTH);
    for (Map.Entry<String, byte[]> document : documents.entrySet()) {
      assertThat(document.getValue().length).isLessThanOrEqualTo(HostileJson.MAX_BYTES);
      long started = System.nanoTime();
      String outcome;
      try {
        outcome = codec().readObject(document.getValue()).size() + " members";
      } catch (JsonCodecException e) {
        outcome = "refused";
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf(
          "%s: %s (%d bytes) %s in %d ms%n",
          codec().name(), document.getKey(), document.getValue().length, outcome, took.toMillis());
      if (took.compareTo(HOSTILE_DOCUMENT_BOUND) > 0) {
        slow.add(document.getKey() + " took " + took.toMillis() + " ms");
      }
    }
    assertThat(slow).as("documents slower than %s", HOSTILE_DOCUMENT_BOUND).isEmpty();
  }
}
