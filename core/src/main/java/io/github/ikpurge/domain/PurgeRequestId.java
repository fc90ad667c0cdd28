package io.github.ikpurge.domain;

import java.util.Objects;

/**
 * The identifier of a submitted purge, as returned by the purge call and used to ask for its
 * status.
 *
 * <p>An id is a non-blank string of at most {@value #MAX_LENGTH} characters from the URI unreserved
 * set ({@code A-Z a-z 0-9 - . _ ~}), and is neither {@code .} nor contains {@code ..}. That keeps
 * it a single, literal path segment: it can never reach another endpoint, add a query or need
 * percent-encoding. Instances are immutable.
 */
public final class PurgeRequestId {

  /** The longest id accepted. */
  public static final int MAX_LENGTH = 128;

  private final String value;

  private PurgeRequestId(String value) {
    this.value = value;
  }

  /**
   * Validates and wraps a request id.
   *
   * @param value the id returned by the purge call
   * @return the id
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank, too long, or holds a character that
   *     is not allowed; the message names the argument and the problem
   */
  public static PurgeRequestId of(String value) {
    Objects.requireNonNull(value, "requestId");
    if (value.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "requestId is "
              + value.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isUnreserved(c)) {
        throw new IllegalArgumentException(
            "requestId must not contain " + describe(c) + " (at index " + i + ")");
      }
    }
    if (value.equals(".") || value.contains("..")) {
      throw new IllegalArgumentException("requestId must not be '.' or contain '..'");
    }
    return new PurgeRequestId(value);
  }

  /** {@return the id as a string} */
  public String value() {
    return value;
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static String describe(char c) {
    if (Character.isISOControl(c)) {
      return String.format("the control character U+%04X", (int) c);
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return String.format("whitespace (U+%04X)", (int) c);
    }
    if (c > '~') {
      return String.format("the character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PurgeRequestId that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
