package io.github.ikpurge.json.jsonb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.conformance.HostileJson;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The built-in codec and the JSON-B codec, side by side over a corpus of valid and invalid
 * documents: both must accept or both refuse each one, and when they accept, return the same values
 * in the same order.
 */
class JsonCodecDifferentialTest {

  private static final JsonCodec BUILT_IN = BuiltInJsonCodec.create();
  private static final JsonCodec JSONB = JsonbCodec.create();
  private static final int DEPTH = 64;
  private static final int NUMBER = 100;

  @Test
  void bothCodecsReachTheSameVerdictAndTheSameValuesOnEveryDocument() {
    Map<String, byte[]> corpus = corpus();
    int accepted = 0;
    int refused = 0;
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, byte[]> document : corpus.entrySet()) {
      Object builtIn = outcome(BUILT_IN, document.getValue());
      Object jsonb = outcome(JSONB, document.getValue());
      boolean builtInAccepts = !(builtIn instanceof JsonCodecException);
      boolean jsonbAccepts = !(jsonb instanceof JsonCodecException);
      if (builtInAccepts != jsonbAccepts) {
        disagreements.add(
            document.getKey() + ": builtin " + describe(builtIn) + ", jsonb " + describe(jsonb));
      } else if (builtInAccepts && !canonical(builtIn).equals(canonical(jsonb))) {
        disagreements.add(
            document.getKey()
                + ": builtin read "
                + abbreviate(canonical(builtIn))
                + ", jsonb read "
                + abbreviate(canonical(jsonb)));
      } else if (builtInAccepts) {
        accepted++;
      } else {
        refused++;
      }
    }
    System.out.printf(
        "Differential corpus: %d documents, both accepted %d, both refused %d, disagreed on %d%n",
        corpus.size(), accepted, refused, disagreements.size());
    disagreements.stream().limit(50).forEach(System.out::println);

    assertThat(disagreements).as("documents the codecs disagree on").isEmpty();
    assertThat(accepted).isPositive();
    assertThat(refused).isPositive();
  }

  private static Object outcome(JsonCodec codec, byte[] json) {
    try {
      return codec.readObject(json);
    } catch (JsonCodecException e) {
      return e;
    }
  }

  private static String describe(Object outcome) {
    return outcome instanceof JsonCodecException e
        ? "refused (" + e.getMessage() + ")"
        : "accepted " + abbreviate(canonical(outcome));
  }

  /** Writes a value with its types, scales and member order, so that equal means the same. */
  private static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    canonical(value, out);
    return out.toString();
  }

  private static void canonical(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      map.forEach(
          (name, member) -> {
            out.append("s:").append(name).append('=');
            canonical(member, out);
            out.append(',');
          });
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      list.forEach(
          element -> {
            canonical(element, out);
            out.append(',');
          });
      out.append(']');
    } else if (value == JsonCodec.NULL) {
      out.append("null");
    } else {
      out.append(value.getClass().getSimpleName()).append(':').append(value);
      if (value instanceof java.math.BigDecimal number) {
        out.append("/scale ").append(number.scale());
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  // ---- The corpus ----

  private static Map<String, byte[]> corpus() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    handWritten(corpus);
    everyUnicodeEscape(corpus);
    everyEscapeCharacter(corpus);
    everyByteInAStringAndAfterTheObject(corpus);
    nesting(corpus);
    numbers(corpus);
    HostileJson.documents(DEPTH, NUMBER)
        .forEach((name, json) -> corpus.put("hostile: " + name, json));
    mutations(corpus);
    return corpus;
  }

  private static void put(Map<String, byte[]> corpus, String json) {
    corpus.put(
        json.length() <= 80 ? json : json.substring(0, 80) + "...(" + json.length() + ")",
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static final String[] HAND_WRITTEN = {
    "{}",
    " {} ",
    "\t\r\n{}\t\r\n",
    "{\"a\":1}",
    "{\"requestId\":\"598821f949c0a938d57563bd\"}",
    "{\"status\":\"Pending\"}",
    "{\"status\":\"Completed\",\"extra\":[1,2,{\"x\":null}]}",
    "{\"message\":\"No request found for this requestId.\",\"help\":\"For support kindly contact"
        + " us at support@imagekit.io .\"}",
    "{\"s\":\"\\u00e9\\u00E9\\u20ac\\ud83d\\ude00\\uD83D\\uDE00\"}",
    "{\"s\":\"\u00e9\u20ac\ud83d\ude00\"}",
    "{\"\\u0061\":1}",
    "{\"a\":1,\"\\u0061\":2}",
    "{\"a\":\"\\ud800\"}",
    "{\"a\":\"\\udfff\"}",
    "{\"a\":\"\\ud800\\udbff\"}",
    "{\"a\":\"\\ud800\\n\"}",
    "{\"a\":\"\\ud800\\\\udc00\"}",
    "{\"a\":\"\\udbff\\udfff\"}",
    "{\"a\":1,\"a\":1}",
    "{\"a\":{\"b\":1,\"b\":2}}",
    "{\"a\":[{\"b\":1},{\"b\":2}]}",
    "{\"a\":1}x",
    "{\"a\":1}{}",
    "{\"a\":1}[]",
    "{\"a\":1}1",
    "{\"a\":1}\"\"",
    "{\"a\":1} \u0000",
    "{\"a\":1}\u00a0",
    "{\"a\":1}\ufeff",
    "\ufeff{}",
    "\ufeff",
    "{\"a\":\"\ufeff\"}",
    "",
    " ",
    "\n",
    "\t\t",
    "\u00a0",
    "\u3000{}",
    "{\"a\":\"\u007f\u0080\u009f\u2028\u2029\"}",
    "{\"a\":\"\u0001\"}",
    "{\"a\":\"\u001f\"}",
    "{\"a\":\"\\u0000\"}",
    "{\"a\":\"\\u001F\"}",
    "{\"a\":true,\"b\":false,\"c\":null}",
    "{\"a\":tRue}",
    "{\"a\":nulll}",
    "{\"a\":falsey}",
    "{\"a\":true1}",
    "{\"a\" :1 , \"b\" : [ 1 , 2 ] }",
    "{\"a\":[,]}",
    "{\"a\":[1,,2]}",
    "{\"a\":[1 2]}",
    "{\"a\"::1}",
    "{\"a\":1::}",
    "{\"a\"}",
    "{:1}",
    "{1:1}",
    "{null:1}",
    "{\"a\":'b'}",
    "{\"a\":\"b\"",
    "{\"a\":[",
    "{\"a\":{",
    "[",
    "]",
    "{}}",
    "{{}}",
    "{\"a\":\"\\/\"}",
    "{\"a\":\"\\'\"}",
    "{\"a\":\"\\a\"}",
    "{\"a\":\"\\0\"}",
    "{\"a\":\"\\u00\"}",
    "{\"a\":\"\\u00g0\"}",
    "{\"a\":\"\\uFFFF\\uFFFE\"}",
  };

  private static void handWritten(Map<String, byte[]> corpus) {
    for (String json : HAND_WRITTEN) {
      put(corpus, json);
    }
    corpus.put("BOM then {}", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
    corpus.put("UTF-16BE BOM then {}", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    corpus.put("UTF-16LE {}", new byte[] {'{', 0, '}', 0});
    corpus.put("UTF-32BE {}", new byte[] {0, 0, 0, '{', 0, 0, 0, '}'});
    corpus.put("empty input", new byte[0]);
    corpus.put("one NUL", new byte[] {0});
    corpus.put(
        "1 MiB string",
        ("{\"s\":\"" + "x".repeat((1 << 20) - 8) + "\"}").getBytes(StandardCharsets.UTF_8));
    corpus.put("1 MiB of spaces", " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII));
    int[][] invalid = {
      {0xC3},
      {0x80},
      {0xBF},
      {0xC0, 0xAF},
      {0xC1, 0xBF},
      {0xE0, 0x80, 0xAF},
      {0xED, 0xA0, 0x80},
      {0xED, 0xBF, 0xBF},
      {0xF0, 0x80, 0x80, 0xAF},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5},
      {0xFE},
      {0xFF},
      {0xE2, 0x82},
      {0xF0, 0x9F, 0x98},
      {0xC3, 0x28},
      {0xE2, 0x28, 0xA1}
    };
    for (int[] bytes : invalid) {
      ByteArrayOutputStream inString = new ByteArrayOutputStream();
      inString.writeBytes("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
      for (int b : bytes) {
        inString.write(b);
      }
      inString.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
      corpus.put(
          "invalid UTF-8 in a string " + java.util.Arrays.toString(bytes), inString.toByteArray());
      ByteArrayOutputStream after = new ByteArrayOutputStream();
      after.writeBytes("{}".getBytes(StandardCharsets.US_ASCII));
      for (int b : bytes) {
        after.write(b);
      }
      corpus.put(
          "invalid UTF-8 after the object " + java.util.Arrays.toString(bytes),
          after.toByteArray());
    }
  }

  /** {@code \u0000} to {@code \uFFFF}, each alone in a string: control, lone surrogate, plain. */
  private static void everyUnicodeEscape(Map<String, byte[]> corpus) {
    for (int c = 0; c <= 0xFFFF; c++) {
      put(corpus, String.format("{\"a\":\"\\u%04x\"}", c));
    }
    // Every high surrogate followed by a low one, a sample of pairs, and the reverse order.
    for (int high = 0xD800; high <= 0xDBFF; high += 7) {
      for (int low = 0xDC00; low <= 0xDFFF; low += 97) {
        put(corpus, String.format("{\"a\":\"\\u%04X\\u%04x\"}", high, low));
        put(corpus, String.format("{\"a\":\"\\u%04x\\u%04X\"}", low, high));
      }
    }
  }

  /** A backslash before every printable ASCII character. */
  private static void everyEscapeCharacter(Map<String, byte[]> corpus) {
    for (char c = 0x20; c < 0x7f; c++) {
      put(corpus, "{\"a\":\"x\\" + c + (c == 'u' ? "0041" : "") + "\"}");
    }
  }

  /** Every byte, raw, in a string, in a name, between tokens, and after the object. */
  private static void everyByteInAStringAndAfterTheObject(Map<String, byte[]> corpus) {
    for (int b = 0; b < 256; b++) {
      corpus.put("byte " + b + " in a string", bytes("{\"a\":\"x", b, "\"}"));
      corpus.put("byte " + b + " in a name", bytes("{\"", b, "\":1}"));
      corpus.put("byte " + b + " before a value", bytes("{\"a\":", b, "1}"));
      corpus.put("byte " + b + " after the object", bytes("{\"a\":1}", b, ""));
      corpus.put("byte " + b + " before the object", bytes("", b, "{}"));
    }
  }

  private static byte[] bytes(String head, int b, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static void nesting(Map<String, byte[]> corpus) {
    for (int depth = DEPTH - 3; depth <= DEPTH + 3; depth++) {
      put(corpus, "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
      put(corpus, "{\"o\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1));
      put(
          corpus,
          "{\"a\":"
              + "[{\"b\":".repeat((depth - 1) / 2)
              + "1"
              + "}]".repeat((depth - 1) / 2)
              + "}");
      put(corpus, "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 2) + "}");
    }
    put(corpus, "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    put(corpus, "[".repeat(100_000));
    put(corpus, "{\"a\":" + "{\"a\":".repeat(50_000));
  }

  private static void numbers(Map<String, byte[]> corpus) {
    String[] numbers = {
      "0",
      "-0",
      "0.0",
      "-0.0",
      "1",
      "-1",
      "10",
      "100",
      "1.0",
      "1.50",
      "0.001",
      "123456789",
      "1234567890",
      "-2147483648",
      "2147483648",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775809",
      "12345678901234567890123",
      "1e0",
      "1E0",
      "1e+0",
      "1e-0",
      "1e1",
      "1E+2",
      "1e-2",
      "1.5e300",
      "1.5e-300",
      "1e308",
      "1e309",
      "4.9e-324",
      "1e-400",
      "1e100000",
      "1e-100000",
      "1e100001",
      "1e-100001",
      "0.1e-100000",
      "10e-100001",
      "123.456e-99997",
      "1e999999999",
      "-1e-999999999",
      "1e2147483647",
      "1e-2147483648",
      "1e2147483648",
      "1e9999999999",
      "0e999999999",
      "0.0e-999999",
      "0e100001",
      "00",
      "01",
      "-01",
      "1.",
      ".1",
      "-",
      "+1",
      "1e",
      "1e+",
      "1E-",
      "1.e1",
      "0x1",
      "1_000",
      "Infinity",
      "-Infinity",
      "NaN",
      "1.2.3",
      "1e2e3",
      "--1",
      "-.1",
      "0.",
      "2.",
      "\u0661",
      "\uff11",
    };
    for (String number : numbers) {
      put(corpus, "{\"n\":" + number + "}");
      put(corpus, "{\"n\":[" + number + "]}");
    }
    for (int length = NUMBER - 2; length <= NUMBER + 2; length++) {
      put(corpus, "{\"n\":" + "7".repeat(length) + "}");
      put(corpus, "{\"n\":-" + "7".repeat(length - 1) + "}");
      put(corpus, "{\"n\":0." + "7".repeat(length - 2) + "}");
      put(corpus, "{\"n\":" + "7".repeat(length - 4) + "e+99}");
    }
  }

  /** Seeded random edits of valid documents: a byte changed, dropped, doubled or inserted. */
  private static void mutations(Map<String, byte[]> corpus) {
    SplittableRandom random = new SplittableRandom(20261127);
    byte[] alphabet = "{}[]:,\"\\/ \t\n0123456789.-+eEtrufalsn".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> seeds = new ArrayList<>();
    for (String json : HAND_WRITTEN) {
      seeds.add(json.getBytes(StandardCharsets.UTF_8));
    }
    Iterator<byte[]> cycle = null;
    for (int i = 0; i < 20_000; i++) {
      if (cycle == null || !cycle.hasNext()) {
        cycle = seeds.iterator();
      }
      byte[] seed = cycle.next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = seed.length == 0 ? 0 : random.nextInt(seed.length);
      int edit = random.nextInt(4);
      byte inserted =
          random.nextInt(8) == 0
              ? (byte) random.nextInt(256)
              : alphabet[random.nextInt(alphabet.length)];
      out.write(seed, 0, at);
      if (edit == 0) {
        out.write(inserted);
        out.write(seed, Math.min(at + 1, seed.length), Math.max(0, seed.length - at - 1));
      } else if (edit == 1) {
        out.write(seed, Math.min(at + 1, seed.length), Math.max(0, seed.length - at - 1));
      } else if (edit == 2) {
        out.write(seed, at, seed.length - at);
        out.write(seed, at, seed.length - at);
      } else {
        out.write(inserted);
        out.write(seed, at, seed.length - at);
      }
      corpus.putIfAbsent(
          "mutation " + i + ": " + new String(out.toByteArray(), StandardCharsets.UTF_8),
          out.toByteArray());
    }
  }
}
