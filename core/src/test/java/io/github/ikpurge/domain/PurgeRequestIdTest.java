package io.github.ikpurge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurgeRequestIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "598821f949c0a938d57563bd",
        "a",
        "z",
        "az",
        "A",
        "Z",
        "A-b_c.d~e",
        "0123456789",
        "9"
      })
  void acceptsIdsOfUnreservedCharacters(String value) {
    assertThat(PurgeRequestId.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".",
        "..",
        "a..b",
        "/",
        "a/b",
        "a?b",
        "a#b",
        "a b",
        "a\u0001",
        "caf\u00e9",
        "a%20",
        "a:b",
        "a@b"
      })
  void refusesAnythingThatIsNotOneLiteralPathSegment(String value) {
    assertThatThrownBy(() -> PurgeRequestId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("requestId");
  }

  @Test
  void acceptsTheLongestIdAndRefusesOneMore() {
    assertThat(PurgeRequestId.of("a".repeat(PurgeRequestId.MAX_LENGTH)).value()).hasSize(128);
    assertThatThrownBy(() -> PurgeRequestId.of("a".repeat(PurgeRequestId.MAX_LENGTH + 1)))
        .hasMessage("requestId is 129 characters long; at most 128 allowed");
  }

  @Test
  void describesNonAsciiAndControlCharactersByCodePoint() {
    assertThatThrownBy(() -> PurgeRequestId.of("ab\u007f"))
        .hasMessage("requestId must not contain the control character U+007F (at index 2)");
    assertThatThrownBy(() -> PurgeRequestId.of("\u00e9"))
        .hasMessage("requestId must not contain the character U+00E9 (at index 0)");
  }

  @Test
  void isAValueWithEqualityByItsText() {
    PurgeRequestId id = PurgeRequestId.of("abc");

    assertThat(id).isEqualTo(PurgeRequestId.of("abc")).isNotEqualTo(PurgeRequestId.of("abd"));
    assertThat(id).isNotEqualTo("abc");
    assertThat(id.hashCode())
        .isEqualTo(PurgeRequestId.of("abc").hashCode())
        .isEqualTo("abc".hashCode());
    assertThat(id).hasToString("abc");
  }
}
