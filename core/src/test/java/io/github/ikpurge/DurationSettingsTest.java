package io.github.ikpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.spi.TransportOptions;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration a user sets may be as long as a clock of nanoseconds counts, and no longer: a
 * longer one (say {@code ChronoUnit.FOREVER}) is refused where it is set, by name, instead of
 * overflowing later in a call, a message or a {@code toString()}.
 */
class DurationSettingsTest {

  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  static Stream<Arguments> settings() {
    return Stream.of(
        setting("baseDelay", d -> RetryPolicy.builder().maxDelay(LONGEST).baseDelay(d).build()),
        setting("maxDelay", d -> RetryPolicy.builder().maxDelay(d).build()),
        setting(
            "initialDelay", d -> PollPolicy.builder().maxDelay(LONGEST).initialDelay(d).build()),
        setting("maxDelay", d -> PollPolicy.builder().maxDelay(d).build()),
        setting("maxWait", d -> PollPolicy.builder().maxWait(d).build()),
        setting("attemptTimeout", d -> PurgeClient.builder().attemptTimeout(d)),
        setting("callTimeout", d -> PurgeClient.builder().callTimeout(d)),
        setting("connectTimeout", d -> TransportOptions.builder().connectTimeout(d).build()));
  }

  private static Arguments setting(String name, Consumer<Duration> set) {
    return Arguments.of(name, set);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aDurationLongerThanTheClockCountsIsRefusedByName(String name, Consumer<Duration> set) {
    set.accept(LONGEST);

    assertThatThrownBy(() -> set.accept(FOREVER))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            name
                + " must be at most "
                + LONGEST
                + " (what a clock of nanoseconds counts), was "
                + FOREVER);
    assertThatThrownBy(() -> set.accept(LONGEST.plusNanos(1)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name + " must be at most");
  }

  @Test
  void theLongestDurationsAreShownAndUsedWithoutOverflowing() {
    RetryPolicy retries = RetryPolicy.builder().baseDelay(LONGEST).maxDelay(LONGEST).build();
    PollPolicy polls =
        PollPolicy.builder().initialDelay(LONGEST).maxDelay(LONGEST).maxWait(LONGEST).build();
    TransportOptions options = TransportOptions.builder().connectTimeout(LONGEST).build();

    assertThat(retries.toString()).contains("maxDelay=" + LONGEST.toMillis() + "ms");
    assertThat(polls.toString()).contains("maxWait=" + LONGEST.toMillis() + "ms");
    assertThat(polls.nominalDelay(Integer.MAX_VALUE))
        .isEqualTo(Duration.ofMillis(LONGEST.toMillis()));
    assertThat(options.toString()).contains("connectTimeout=" + LONGEST.toMillis() + "ms");
  }
}
