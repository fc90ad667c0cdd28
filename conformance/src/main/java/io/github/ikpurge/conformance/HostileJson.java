package io.github.ikpurge.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents that cost a JSON reader the most for their size, each at most {@value #MAX_BYTES}
 * bytes, the engine's default limit on a response body: what a hostile or broken server can make a
 * client read. Used by {@link JsonCodecConformanceTest} and the codecs' differential test.
 */
public final class HostileJson {

  /** The engine's default limit on a response body: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  private HostileJson() {}

  /**
   * Returns the documents by name, in a stable order. Some are valid, some are not: a codec must
   * read or refuse each one quickly.
   *
   * @param maxDepth the codec's deepest nesting accepted
   * @param maxNumberLength the codec's longest number accepted
   * @return names to UTF-8 documents, each at most {@value #MAX_BYTES} bytes
   */
  public static Map<String, byte[]> documents(int maxDepth, int maxNumberLength) {
    Map<String, byte[]> documents = new LinkedHashMap<>();
    // Inside the outer object and its array: maxDepth levels in all.
    String deepest = "[".repeat(maxDepth - 2) + "]".repeat(maxDepth - 2);
    documents.put("arrays nested to the limit, side by side", array(deepest));
    documents.put(
        "arrays nested just over the limit, then 1 MiB more",
        fill("{\"a\":" + "[".repeat(maxDepth), "1,", "]".repeat(maxDepth) + "}"));
    documents.put(
        "a 1 MiB string of escapes",
        fill("{\"s\":\"", "\\n\\t\\\"\\\\\\/\\u00e9\\ud83d\\ude00", "\"}"));
    documents.put("a 1 MiB string of two-byte characters", fill("{\"s\":\"", "\u00e9", "\"}"));
    documents.put(
        "a 1 MiB string of four-byte characters", fill("{\"s\":\"", "\ud83d\ude00", "\"}"));
    documents.put("many tiny members", members(false));
    documents.put("many members whose names share a hash code", members(true));
    documents.put("many numbers at the length limit", array("9".repeat(maxNumberLength)));
    documents.put(
        "many numbers at the length limit, with fractions and exponents",
        array("-0." + "1".repeat(maxNumberLength - 10) + "e-99000"));
    documents.put(
        "a number over the length limit, then 1 MiB more",
        fill("{\"n\":" + "1".repeat(maxNumberLength + 1) + ",\"s\":\"", "x", "\"}"));
    documents.put("many empty objects and arrays", array("{\"a\":[{},[]]}"));
    documents.put("1 MiB of whitespace around the object", fill("", " \t\r\n", "{}"));
    documents.put(
        "a duplicate member name after 1 MiB", fill("{\"a\":1,\"s\":\"", "x", "\",\"a\":2}"));
    documents.put("invalid UTF-8 at the end of 1 MiB", invalidAtTheEnd());
    documents.put("an unterminated 1 MiB string", fill("{\"s\":\"", "x", ""));
    return documents;
  }

  /** Returns {@code {"a":[element,element,...]}} as close to the limit as fits. */
  private static byte[] array(String element) {
    return fill("{\"a\":[" + element, "," + element, "]}");
  }

  /** Returns head, then body repeated, then tail: as many repeats as fit in {@value #MAX_BYTES}. */
  private static byte[] fill(String head, String body, String tail) {
    int fixed = utf8(head) + utf8(tail);
    int each = utf8(body);
    int count = (MAX_BYTES - fixed) / each;
    StringBuilder out = new StringBuilder(MAX_BYTES);
    out.append(head);
    for (int i = 0; i < count; i++) {
      out.append(body);
    }
    return out.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] members(boolean colliding) {
    List<String> names = new ArrayList<>();
    if (colliding) {
      // "Aa" and "BB" have one hash code, so every string of 14 of them has one hash code too.
      for (int bits = 0; bits < 1 << 14; bits++) {
        StringBuilder name = new StringBuilder(28);
        for (int i = 0; i < 14; i++) {
          name.append((bits >> i & 1) == 0 ? "Aa" : "BB");
        }
        names.add(name.toString());
      }
    } else {
      for (int i = 0; i < 120_000; i++) {
        names.add(Integer.toString(i, 36));
      }
    }
    StringBuilder out = new StringBuilder(MAX_BYTES).append('{');
    for (String name : names) {
      String member = (out.length() > 1 ? "," : "") + '"' + name + "\":0";
      if (out.length() + member.length() + 1 > MAX_BYTES) {
        break;
      }
      out.append(member);
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] invalidAtTheEnd() {
    byte[] valid = fill("{\"s\":\"", "x", "\"}");
    valid[valid.length - 3] = (byte) 0xC3;
    return valid;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
