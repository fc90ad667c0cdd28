package io.github.ikpurge.bulk;

import java.util.TreeSet;

/**
 * The wildcard purges accepted so far, and which URL each covers: {@code …/images/*} covers every
 * URL that starts with {@code …/images/}. The prefixes are kept free of one another (none starts
 * with another), so the one that could cover a URL is the greatest prefix not above it.
 */
final class Wildcards {

  private final TreeSet<String> prefixes = new TreeSet<>();

  /** Returns whether {@code url} is a wildcard purge: its one {@code *} ends it. */
  static boolean isWildcard(String url) {
    return url.endsWith("*");
  }

  /** Records an accepted wildcard purge. */
  void add(String wildcard) {
    String prefix = wildcard.substring(0, wildcard.length() - 1);
    if (coveringPrefix(prefix) != null) {
      return;
    }
    // Drop the prefixes the new one covers, keeping the set free of prefixes of one another.
    prefixes.tailSet(prefix, true).removeIf(other -> other.startsWith(prefix));
    prefixes.add(prefix);
  }

  /** Returns the wildcard URL that covers {@code url}, or null. */
  String coveredBy(String url) {
    String prefix = coveringPrefix(url);
    return prefix == null ? null : prefix + '*';
  }

  private String coveringPrefix(String url) {
    String candidate = prefixes.floor(url);
    return candidate != null && url.startsWith(candidate) ? candidate : null;
  }
}
