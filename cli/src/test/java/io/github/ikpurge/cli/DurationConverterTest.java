package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The durations {@code --max-wait} reads, and the ones it refuses with the value in the message.
 */
class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsEachUnitAndIso8601InAnyCase() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert(" 2M ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "soon",
        "",
        "s",
        "5",
        "5d",
        "0s",
        "-1m",
        "PT0S",
        "PT-1S",
        "1.5s",
        "99999999999999999h"
      })
  void refusesWhatIsNotAPositiveDuration(String value) {
    assertThatThrownBy(() -> converter.convert(value))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("'" + value + "' is not a positive duration such as 500ms, 90s, 2m or 1h");
  }
}
