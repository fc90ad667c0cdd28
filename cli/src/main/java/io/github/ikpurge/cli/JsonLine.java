package io.github.ikpurge.cli;

import java.util.Locale;

/**
 * One JSON object on one line, written member by member with each value's own type: strings,
 * numbers and booleans, so that a script reads {@code "httpStatus": 201} as a number.
 */
final class JsonLine {

  private final StringBuilder text = new StringBuilder("{");

  /** Adds a string member; a null value is left out. */
  JsonLine put(String name, String value) {
    if (value != null) {
      name(name);
      quote(value);
    }
    return this;
  }

  /** Adds a number member. */
  JsonLine put(String name, long value) {
    name(name);
    text.append(value);
    return this;
  }

  /** Adds a number member with three decimals, such as a time in seconds. */
  JsonLine put(String name, double value) {
    name(name);
    text.append(String.format(Locale.ROOT, "%.3f", value));
    return this;
  }

  /** Adds a boolean member. */
  JsonLine put(String name, boolean value) {
    name(name);
    text.append(value);
    return this;
  }

  @Override
  public String toString() {
    return text + "}";
  }

  private void name(String name) {
    if (text.length() > 1) {
      text.append(',');
    }
    quote(name);
    text.append(':');
  }

  private void quote(String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }
}
