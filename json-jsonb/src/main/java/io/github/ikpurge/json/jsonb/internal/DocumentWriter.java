package io.github.ikpurge.json.jsonb.internal;

import jakarta.json.bind.Jsonb;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Writes a flat object of strings with Yasson, escaping as the built-in codec does. */
public final class DocumentWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Jsonb jsonb;

  /**
   * Creates the writer.
   *
   * @param jsonb the JSON-B instance to write with
   */
  public DocumentWriter(Jsonb jsonb) {
    this.jsonb = jsonb;
  }

  /**
   * Writes the members, in the map's order, as UTF-8.
   *
   * @param members names to values
   * @return the JSON bytes
   * @throws NullPointerException if the map, a name or a value is null
   */
  public byte[] write(Map<String, String> members) {
    Objects.requireNonNull(members, "members");
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<String, String> member : members.entrySet()) {
      String name = Objects.requireNonNull(member.getKey(), "member name");
      checked.put(name, Objects.requireNonNull(member.getValue(), name));
    }
    StringWriter out = new StringWriter(64);
    jsonb.toJson(checked, out);
    return escapeTheRest(out.toString()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Escapes what Parsson's generator leaves as it is but the built-in codec escapes: DEL, and lone
   * surrogates, which UTF-8 cannot encode (they would become '?'). Both can only occur inside
   * strings, since everything outside them is ASCII.
   */
  private static String escapeTheRest(String json) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean escape;
      if (Character.isHighSurrogate(c)) {
        escape = i + 1 == json.length() || !Character.isLowSurrogate(json.charAt(i + 1));
        if (!escape) {
          i++;
          continue;
        }
      } else {
        escape = c == 0x7f || Character.isLowSurrogate(c);
      }
      if (escape) {
        if (out == null) {
          out = new StringBuilder(json.length() + 16);
        }
        out.append(json, copied, i)
            .append("\\u")
            .append(HEX[(c >> 12) & 0xf])
            .append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
        copied = i + 1;
      }
    }
    return out == null ? json : out.append(json, copied, json.length()).toString();
  }
}
