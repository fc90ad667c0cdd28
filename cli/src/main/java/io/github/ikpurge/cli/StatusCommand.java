package io.github.ikpurge.cli;

import io.github.ikpurge.domain.PurgeStatusResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The {@code status} command: prints a purge's status, or waits until it is no longer Pending. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Prints the status of a purge: Pending or Completed.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand IkPurge root;

  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "<requestId>", description = "the id the purge returned")
  String requestId;

  @Override
  public Integer call() {
    return root.withClient(
        (client, output) -> {
          PurgeStatusResult result =
              wait.await
                  ? client.awaitCompletion(requestId, wait.maxWait, output.progress())
                  : client.status(requestId);
          output.status(result);
          return ExitCodes.of(result.status());
        });
  }
}
