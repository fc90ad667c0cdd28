package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a purge URL must be, and the messages that say what is wrong with one. */
class PurgeUrlsTest {

  private static final String BASE = "https://ik.imagekit.io/demo/";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://ik.imagekit.io/demo/a.jpg",
        "http://ik.imagekit.io/a",
        "HTTPS://ik.imagekit.io/a",
        "https://ik.imagekit.io/demo/*",
        "https://ik.imagekit.io/demo/\ud83d\ude00.png",
        "https://ik.imagekit.io/\ud83d\ude00",
        "https://ik.imagekit.io/a?v=1#top",
        "https://user@ik.imagekit.io:443/a"
      })
  void acceptsWhatTheApiCanPurgeUnchanged(String url) {
    assertThat(PurgeUrls.check(url)).isSameAs(url);
  }

  static Stream<Arguments> badUrls() {
    return Stream.of(
        Arguments.of(
            "https://ik.imagekit.io/a\ud800",
            "url must not contain the lone surrogate U+D800 (at index 24)"),
        Arguments.of(
            "\udc00https://ik.imagekit.io/a",
            "url must not contain the lone surrogate U+DC00 (at index 0)"),
        Arguments.of(
            "https://ik.imagekit.io/\udc00\ud800b",
            "url must not contain the lone surrogate U+DC00 (at index 23)"),
        Arguments.of("https://*.imagekit.io/a", "url must not have a wildcard '*' in its host"),
        Arguments.of(
            "https://ik.imagekit.io/*/a",
            "url may have a wildcard '*' only as its last character; found one at index 23"),
        Arguments.of("https://:443/a", "url has no host: https://:443/a"),
        Arguments.of("https://@ik.imagekit.io/a", "url has no host: https://@ik.imagekit.io/a"),
        Arguments.of(
            "https://ik.imagekit.io/a\u0085b",
            "url must not contain the control character U+0085 (at index 24)"),
        Arguments.of(
            "https://ik.imagekit.io/a\u2003b",
            "url must not contain whitespace (at index 24); percent-encode it as the file is served,"
                + " e.g. %20"),
        Arguments.of(
            "://ik.imagekit.io/a",
            "url must be an absolute http or https URL, such as"
                + " https://ik.imagekit.io/your_id/image.jpg; was ://ik.imagekit.io/a"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badUrls")
  void refusesWithAMessageNamingTheProblem(String url, String message) {
    assertThatThrownBy(() -> PurgeUrls.check(url))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {PurgeUrls.MAX_LENGTH - 1, PurgeUrls.MAX_LENGTH})
  void acceptsUrlsUpToTheLengthLimit(int length) {
    String url = BASE + "a".repeat(length - BASE.length());

    assertThat(PurgeUrls.check(url)).isSameAs(url);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {PurgeUrls.MAX_LENGTH + 1, PurgeUrls.MAX_LENGTH * 4})
  void refusesUrlsOverTheLengthLimit(int length) {
    String url = BASE + "a".repeat(length - BASE.length());

    assertThatThrownBy(() -> PurgeUrls.check(url))
        .hasMessage("url is " + length + " characters long; at most 8192 allowed");
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {79, 80})
  void aShortUrlIsQuotedWhole(int length) {
    String url = "ftp://ik.imagekit.io/" + "a".repeat(length - 21);

    assertThatThrownBy(() -> PurgeUrls.check(url)).hasMessageEndingWith("; was " + url);
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {81, 5000})
  void aLongUrlIsQuotedCutTo80Characters(int length) {
    String url = "ftp://ik.imagekit.io/" + "a".repeat(length - 21);

    assertThatThrownBy(() -> PurgeUrls.check(url))
        .hasMessageEndingWith("; was " + url.substring(0, 77) + "...");
  }
}
