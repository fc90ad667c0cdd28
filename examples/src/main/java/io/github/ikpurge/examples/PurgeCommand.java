package io.github.ikpurge.examples;

import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The {@code purge} command: submits a purge, optionally waiting for it to complete. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = "Purges a file's cached copies (each purge counts against the monthly quota).")
final class PurgeCommand implements Callable<Integer> {

  @ParentCommand IkPurge root;

  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "<url>", description = "the file's absolute URL; * only at the end")
  String url;

  @Override
  public Integer call() {
    return root.withClient(
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
}
