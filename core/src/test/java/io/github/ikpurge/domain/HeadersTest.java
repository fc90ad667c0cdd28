package io.github.ikpurge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {

  @Test
  void namesCompareCaseInsensitivelyAndKeepEveryValueInOrder() {
    Headers headers =
        Headers.builder().add("Set-Thing", "a").add("set-thing", "b").add("X-Other", "c").build();

    assertThat(headers.allValues("SET-THING")).containsExactly("a", "b");
    assertThat(headers.firstValue("x-other")).contains("c");
    assertThat(headers.firstValue("missing")).isEmpty();
    assertThat(headers.asMap()).containsOnlyKeys("Set-Thing", "X-Other");
  }

  @Test
  void ofMergesNamesThatDifferInCaseAndSkipsTheNullStatusLineKey() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put(null, List.of("HTTP/1.1 200 OK"));
    fields.put("Content-Type", List.of("application/json"));
    fields.put("content-type", List.of("text/plain"));

    Headers headers = Headers.of(fields);

    assertThat(headers.allValues("CONTENT-TYPE")).containsExactly("application/json", "text/plain");
    assertThat(headers.asMap()).hasSize(1);
  }

  @Test
  void toStringMasksCredentials() {
    Headers headers =
        Headers.builder()
            .add("Authorization", "Basic c2VjcmV0Og==")
            .add("proxy-authorization", "Basic eA==")
            .add("Accept", "application/json")
            .build();

    assertThat(headers.toString())
        .doesNotContain("c2VjcmV0Og==")
        .doesNotContain("eA==")
        .contains("Authorization=[****]")
        .contains("Accept=[application/json]");
    assertThat(Headers.builder().add("A", "1").add("B", "2").add("a", "3").build())
        .hasToString("{A=[1, 3], B=[2]}");
    assertThat(Headers.empty()).hasToString("{}");
  }

  @Test
  void areValuesEqualByTheirFieldsWhateverTheCaseOfTheNames() {
    Headers one = Headers.builder().add("Accept", "a").build();

    assertThat(one)
        .isEqualTo(Headers.builder().add("accept", "a").build())
        .hasSameHashCodeAs(Headers.builder().add("accept", "a").build())
        .isNotEqualTo(Headers.builder().add("Accept", "b").build())
        .doesNotHaveSameHashCodeAs(Headers.builder().add("Accept", "b").build())
        .isNotEqualTo("Accept: a");
    assertThat(one.isEmpty()).isFalse();
    assertThat(Headers.empty().isEmpty()).isTrue();
  }

  @Test
  void refusesLineBreaksThatWouldSplitAHeader() {
    assertThatThrownBy(() -> Headers.builder().add("X-A", "v\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-A");
    assertThatThrownBy(() -> Headers.builder().add("", "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "case {index}")
  @ValueSource(strings = {"\r", "\n", "\0", "\rv", "\nv", "\0v", "v\r", "v\n", "v\0"})
  void refusesCrLfAndNulAnywhereInANameOrAValue(String bad) {
    assertThatThrownBy(() -> Headers.builder().add("X-A", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain CR, LF or NUL");
    assertThatThrownBy(() -> Headers.builder().add("X" + bad, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain CR, LF or NUL");
    assertThatThrownBy(() -> Headers.builder().set("X-A", bad))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setReplacesEveryValue() {
    Headers headers = Headers.builder().add("A", "1").add("a", "2").set("A", "3").build();

    assertThat(headers.allValues("a")).containsExactly("3");
  }

  @Test
  void byteSizeCountsEachValueAsAnHttpLine() {
    Headers headers = Headers.builder().add("A", "1").add("a", "22").add("Bc", "").build();

    assertThat(headers.byteSize()).isEqualTo((1 + 2 + 1 + 2) + (1 + 2 + 2 + 2) + (2 + 2 + 0 + 2));
    assertThat(Headers.empty().byteSize()).isZero();
  }

  @Test
  void aBuilderUsedAfterBuildLeavesWhatItBuiltUnchanged() {
    Headers.Builder builder = Headers.builder().add("A", "1");
    Headers first = builder.build();

    Headers second = builder.add("a", "2").add("B", "3").build();
    Headers third = builder.remove("b").build();

    assertThat(first.asMap()).containsExactly(Map.entry("A", List.of("1")));
    assertThat(second.allValues("a")).containsExactly("1", "2");
    assertThat(second.contains("b")).isTrue();
    assertThat(third.contains("b")).isFalse();
    assertThat(first.allValues("a")).containsExactly("1");
  }

  @Test
  void aRefusedSetLeavesTheFieldAsItWas() {
    Headers.Builder builder = Headers.builder().add("A", "1");

    assertThatThrownBy(() -> builder.set("A", "x\r\ny"))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(builder.build().allValues("a")).containsExactly("1");
  }

  @Test
  void builtHeadersCannotBeChangedThroughWhatTheyReturn() {
    Headers headers = Headers.builder().add("A", "1").build();

    assertThatThrownBy(() -> headers.allValues("A").add("2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.asMap().get("A").add("2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(headers.allValues("A")).containsExactly("1");
  }
}
