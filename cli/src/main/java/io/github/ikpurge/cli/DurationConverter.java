package io.github.ikpurge.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Reads {@code --max-wait}: durations such as {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h} or
 * ISO-8601, and only positive ones.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String text = Objects.requireNonNull(value, "value").strip().toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("p")) {
        return positive(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
      }
      if (text.endsWith("ms")) {
        return positive(
            Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), value);
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> positive(Duration.ofSeconds(amount), value);
        case 'm' -> positive(Duration.ofMinutes(amount), value);
        case 'h' -> positive(Duration.ofHours(amount), value);
        default -> throw new CommandLine.TypeConversionException(usage(value));
      };
    } catch (NumberFormatException
        | DateTimeParseException
        | StringIndexOutOfBoundsException
        | ArithmeticException e) {
      // ArithmeticException: more hours or minutes than a Duration holds.
      throw new CommandLine.TypeConversionException(usage(value));
    }
  }

  private static Duration positive(Duration duration, String value) {
    if (duration.isNegative() || duration.isZero()) {
      throw new CommandLine.TypeConversionException(usage(value));
    }
    return duration;
  }

  private static String usage(String value) {
    return "'" + value + "' is not a positive duration such as 500ms, 90s, 2m or 1h";
  }
}
