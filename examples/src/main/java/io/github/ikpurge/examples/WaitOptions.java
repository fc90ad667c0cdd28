package io.github.ikpurge.examples;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a command that can wait for the purge to complete. */
final class WaitOptions {

  @Option(names = "--wait", description = "wait until the purge is no longer Pending")
  boolean await;

  @Option(
      names = "--max-wait",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description = "the longest wait, e.g. 90s, 2m, 500ms (default: ${DEFAULT-VALUE})")
  Duration maxWait;
}
