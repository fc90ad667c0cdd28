package io.github.ikpurge.cli;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.bulk.BulkPurge;
import io.github.ikpurge.bulk.BulkPurgeSummary;
import io.github.ikpurge.error.BulkPurgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code purge --from}: reads the URLs, runs a {@link BulkPurge} on them with a {@link BulkReport}
 * as its listener and a progress line on a terminal, and returns the exit code of its summary.
 */
final class BulkPurgeRun {

  private final PurgeCommand command;

  BulkPurgeRun(PurgeCommand command) {
    this.command = command;
  }

  int run() {
    Path file = "-".equals(command.from) ? null : Path.of(command.from);
    long total = -1;
    if (file != null) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        total = UrlInput.count(reader);
      } catch (IOException e) {
        command.root.output().error("IOException", "cannot read --from " + e.getMessage(), null);
        return ExitCodes.USAGE;
      }
    }
    long urls = total;
    return command.root.withClient(
        command::configure, (client, output) -> run(client, output, file, urls));
  }

  private int run(PurgeClient client, Output output, Path file, long total) {
    Tally tally = new Tally(total, command.wait.await);
    ProgressLine line =
        output.progressLine((elapsed, width) -> ProgressText.bulk(tally.counts(), elapsed, width));
    if (line != null && command.journal != null) {
      line.onInterrupt(
          "interrupted: run the same command again, with --journal "
              + command.journal
              + ", to go on without purging any URL twice");
    }
    BulkReport report = new BulkReport(output.out(), output.err(), output.json(), tally, line);
    BulkPurge.Builder bulk =
        BulkPurge.builder(client).concurrency(command.concurrency).listener(report);
    if (command.journal != null) {
      bulk.journal(command.journal);
    }
    if (command.wait.await) {
      bulk.awaitCompletion(command.wait.maxWait);
    }
    BulkPurge purge = bulk.build();
    try (BufferedReader reader = open(file)) {
      BulkPurgeSummary summary = purge.run(new UrlInput(reader, tally));
      output.endProgress();
      return report.summary(summary, command.wait.await);
    } catch (IOException e) {
      output.error("IOException", "cannot read --from " + command.from + ": " + e, null);
      return ExitCodes.FAILED;
    } catch (BulkPurgeException e) {
      output.error(e);
      return ExitCodes.FAILED;
    }
  }

  private BufferedReader open(Path file) throws IOException {
    if (file == null) {
      return new BufferedReader(new InputStreamReader(command.root.in(), StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }
}
