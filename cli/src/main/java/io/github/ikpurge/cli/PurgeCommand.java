package io.github.ikpurge.cli;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.bulk.BulkPurge;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code purge} command: submits a purge, or one for each URL of a list ({@code --from}),
 * optionally waiting for them to complete.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Purges a file's cached copies (each purge counts against the monthly quota).",
      "With --from, purges every URL of a file or of standard input: several at once, paced"
          + " to a rate, resumable through a journal."
    })
final class PurgeCommand implements Callable<Integer> {

  @ParentCommand IkPurge root;

  @Spec CommandSpec spec;

  @Mixin WaitOptions wait;

  @Parameters(
      paramLabel = "<url>",
      arity = "0..1",
      description = "the file's absolute URL; * only at the end")
  String url;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description =
          "purge the URLs of FILE (- for standard input), one a line; blank lines and lines"
              + " starting with # are skipped")
  String from;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "" + BulkPurge.DEFAULT_CONCURRENCY,
      description = "with --from: at most N purges in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "at most N requests a second for this account, purges and polls together")
  Long rate;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "with --from: record each purge in FILE; run again with the same FILE to resume"
              + " without purging any URL twice")
  Path journal;

  @Override
  public Integer call() {
    if ((url == null) == (from == null)) {
      throw new ParameterException(spec.commandLine(), "give one <url>, or --from FILE");
    }
    if (rate != null && rate < 1) {
      throw new ParameterException(spec.commandLine(), "--rate must be at least 1; was " + rate);
    }
    if (concurrency < 1 || concurrency > BulkPurge.MAX_CONCURRENCY) {
      throw new ParameterException(
          spec.commandLine(),
          "--concurrency must be from 1 to " + BulkPurge.MAX_CONCURRENCY + "; was " + concurrency);
    }
    if (from == null && journal != null) {
      throw new ParameterException(spec.commandLine(), "--journal goes with --from");
    }
    if (from != null) {
      return new BulkPurgeRun(this).run();
    }
    return root.withClient(
        this::configure,
        (client, output) -> {
          if (wait.await) {
            PurgeStatusResult result = client.purgeAndAwait(url, wait.maxWait, output.progress());
            output.status(result);
            return ExitCodes.of(result.status());
          }
          PurgeResult result = client.purge(url);
          output.submitted(result);
          return ExitCodes.OK;
        });
  }

  /** Applies the options that shape the client: the rate. */
  void configure(PurgeClient.Builder builder) {
    if (rate != null) {
      builder.rateLimit(rate, Duration.ofSeconds(1));
    }
  }
}
