package io.github.ikpurge.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of a command that can wait for purges to complete. */
final class WaitOptions {

  /** Set to true by {@code --wait}; {@code --wait=DURATION} also sets the longest wait. */
  boolean await;

  @Option(
      names = "--max-wait",
      converter = DurationConverter.class,
      defaultValue = "10m",
      paramLabel = "DURATION",
      description = "the longest wait, e.g. 90s, 2m, 500ms (default: ${DEFAULT-VALUE})")
  Duration maxWait;

  @Option(
      names = "--wait",
      arity = "0..1",
      paramLabel = "DURATION",
      preprocessor = AttachedValueOnly.class,
      converter = WaitConverter.class,
      description =
          "wait until the purge (with --from: each accepted purge) is no longer Pending;"
              + " --wait=2m also sets the longest wait, as --max-wait does")
  void waitFor(Duration value) {
    await = true;
    if (value != null && !value.isZero()) {
      maxWait = value;
    }
  }

  /** Reads the value of {@code --wait}: none (zero: the longest wait stays), or a duration. */
  static final class WaitConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
      return value.isEmpty() ? Duration.ZERO : new DurationConverter().convert(value);
    }
  }

  /**
   * Takes the value of {@code --wait} only when attached with {@code =}: in {@code --wait URL} the
   * URL is the command's argument, not the wait's length.
   */
  static final class AttachedValueOnly implements CommandLine.IParameterPreprocessor {

    @Override
    public boolean preprocess(
        Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
      if (!"=".equals(info.get("separator"))) {
        args.push("");
      }
      return false;
    }
  }
}
