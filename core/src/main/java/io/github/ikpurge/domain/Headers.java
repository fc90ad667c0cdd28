package io.github.ikpurge.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * HTTP header fields: names compare case-insensitively, a name may carry several values in the
 * order received, and the first spelling seen of a name is kept. Immutable.
 *
 * <p>{@link #toString()} masks the values of {@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie} and {@code Set-Cookie}.
 */
public final class Headers {

  private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private final Map<String, List<String>> byName;

  private Headers(TreeMap<String, List<String>> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** {@return headers with no fields} */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Copies a map of header fields. Entries whose name differs only in case are merged, in map
   * order; a null key (as {@link java.net.HttpURLConnection} uses for its status line) is skipped.
   *
   * @param fields names to values
   * @return the headers
   * @throws NullPointerException if {@code fields}, a value list or a value is null
   */
  public static Headers of(Map<String, ? extends List<String>> fields) {
    Objects.requireNonNull(fields, "fields");
    Builder builder = builder();
    fields.forEach(
        (name, values) -> {
          if (name != null) {
            Objects.requireNonNull(values, "values of " + name);
            values.forEach(value -> builder.add(name, value));
          }
        });
    return builder.build();
  }

  /** {@return a builder of headers} */
  public static Builder builder() {
    return new Builder(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
  }

  /** {@return a builder holding these headers, to add to} */
  public Builder toBuilder() {
    return new Builder(mutableCopy(byName));
  }

  private static TreeMap<String, List<String>> mutableCopy(Map<String, List<String>> fields) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    fields.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
    return copy;
  }

  /**
   * Returns the first value of a field.
   *
   * @param name the field name, in any case
   * @return the first value, or empty when the field is absent
   */
  public Optional<String> firstValue(String name) {
    List<String> values = byName.get(Objects.requireNonNull(name, "name"));
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every value of a field, in the order received.
   *
   * @param name the field name, in any case
   * @return the values; empty when the field is absent
   */
  public List<String> allValues(String name) {
    List<String> values = byName.get(Objects.requireNonNull(name, "name"));
    return values == null ? List.of() : values;
  }

  /**
   * Returns whether a field is present.
   *
   * @param name the field name, in any case
   * @return whether the field is present
   */
  public boolean contains(String name) {
    return byName.containsKey(Objects.requireNonNull(name, "name"));
  }

  /**
   * {@return the fields as an unmodifiable map whose lookups ignore case, with the first spelling
   * seen of each name as its key}
   */
  public Map<String, List<String>> asMap() {
    return byName;
  }

  /**
   * {@return the size of these fields as HTTP/1.1 header lines: for each value, its name, a colon
   * and a space, the value, and CR LF, counted as one byte a character}
   */
  public long byteSize() {
    long size = 0;
    for (Map.Entry<String, List<String>> field : byName.entrySet()) {
      for (String value : field.getValue()) {
        size += field.getKey().length() + 2L + value.length() + 2L;
      }
    }
    return size;
  }

  /** {@return whether there are no fields} */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Headers that && byName.equals(that.byName);
  }

  /** Consistent with {@link #equals}: a name hashes the same in any case. */
  @Override
  public int hashCode() {
    Map<String, List<String>> lowerCase = new HashMap<>();
    byName.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values));
    return lowerCase.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    byName.forEach(
        (name, values) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append(name).append('=');
          out.append(SENSITIVE.contains(name.toLowerCase(Locale.ROOT)) ? "[****]" : values);
        });
    return out.append('}').toString();
  }

  /** Builds {@link Headers}. Not thread-safe. */
  public static final class Builder {

    private TreeMap<String, List<String>> byName;
    private boolean shared;

    private Builder(TreeMap<String, List<String>> byName) {
      this.byName = byName;
    }

    /** Gives this builder a map of its own again after {@link #build()} handed its map over. */
    private TreeMap<String, List<String>> writable() {
      if (shared) {
        byName = mutableCopy(byName);
        shared = false;
      }
      return byName;
    }

    /**
     * Adds a value to a field, after any values it already has.
     *
     * @param name the field name
     * @param value the value
     * @return this builder
     * @throws NullPointerException if either argument is null
     * @throws IllegalArgumentException if the name is empty or either holds CR, LF or NUL
     */
    public Builder add(String name, String value) {
      checkField(name, value);
      writable().computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
      return this;
    }

    /**
     * Replaces every value of a field with one value.
     *
     * @param name the field name
     * @param value the value
     * @return this builder
     * @throws NullPointerException if either argument is null
     * @throws IllegalArgumentException if the name is empty or either holds CR, LF or NUL
     */
    public Builder set(String name, String value) {
      checkField(name, value);
      writable().remove(name);
      return add(name, value);
    }

    /**
     * Removes a field.
     *
     * @param name the field name, in any case
     * @return this builder
     */
    public Builder remove(String name) {
      writable().remove(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** {@return the headers built so far} */
    public Headers build() {
      if (!shared) {
        // Hand the map over, frozen, instead of copying it; a later change copies it back.
        byName.replaceAll((name, values) -> List.copyOf(values));
        shared = true;
      }
      return new Headers(byName);
    }

    private static void checkField(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name must not be empty");
      }
      if (hasLineBreak(name) || hasLineBreak(value)) {
        throw new IllegalArgumentException(
            "header " + name.strip() + " must not contain CR, LF or NUL");
      }
    }

    private static boolean hasLineBreak(String text) {
      return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0;
    }
  }
}
