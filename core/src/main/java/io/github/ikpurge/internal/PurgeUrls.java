package io.github.ikpurge.internal;

import java.util.Objects;

/** Checks a purge URL before anything is sent. */
final class PurgeUrls {

  /** The longest URL accepted; far beyond what CDNs serve. */
  static final int MAX_LENGTH = 8192;

  private PurgeUrls() {}

  /**
   * Returns the URL unchanged if the API can purge it.
   *
   * @throws NullPointerException if {@code url} is null
   * @throws IllegalArgumentException naming {@code url} and the problem otherwise
   */
  static String check(String url) {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("url must not be blank");
    }
    if (url.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "url is " + url.length() + " characters long; at most " + MAX_LENGTH + " allowed");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            String.format(
                "url must not contain the control character U+%04X (at index %d)", (int) c, i));
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < url.length()
              && Character.isLowSurrogate(url.charAt(i + 1)))
          && !(Character.isLowSurrogate(c)
              && i > 0
              && Character.isHighSurrogate(url.charAt(i - 1)))) {
        throw new IllegalArgumentException(
            String.format(
                "url must not contain the lone surrogate U+%04X (at index %d)", (int) c, i));
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            "url must not contain whitespace (at index "
                + i
                + "); percent-encode it as the file is served, e.g. %20");
      }
    }
    int schemeEnd = url.indexOf("://");
    String scheme = url.substring(0, Math.max(0, schemeEnd));
    if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
      throw new IllegalArgumentException(
          "url must be an absolute http or https URL, such as"
              + " https://ik.imagekit.io/your_id/image.jpg; was "
              + abbreviate(url));
    }
    int hostStart = schemeEnd + 3;
    int hostEnd = hostStart;
    while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    String authority = url.substring(hostStart, hostEnd);
    if (authority.isEmpty() || authority.startsWith(":") || authority.startsWith("@")) {
      throw new IllegalArgumentException("url has no host: " + abbreviate(url));
    }
    if (authority.indexOf('*') >= 0) {
      throw new IllegalArgumentException("url must not have a wildcard '*' in its host");
    }
    // Past the scheme check: a wildcard, if any, is not the first character.
    int wildcard = url.indexOf('*');
    if (wildcard != -1 && wildcard != url.length() - 1) {
      throw new IllegalArgumentException(
          "url may have a wildcard '*' only as its last character; found one at index " + wildcard);
    }
    return url;
  }

  private static String abbreviate(String url) {
    return url.length() <= 80 ? url : url.substring(0, 77) + "...";
  }
}
