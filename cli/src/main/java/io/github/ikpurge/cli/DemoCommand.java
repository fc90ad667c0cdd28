package io.github.ikpurge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code demo} command: a purge followed to completion, then ImageKit's two status snippets. It
 * is what {@link IkPurge} runs when no command is given.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Purges a file and waits for it, then runs ImageKit's Java and .NET snippets; against"
            + " an embedded simulator unless IMAGEKIT_PRIVATE_KEY is set.")
final class DemoCommand implements Callable<Integer> {

  @ParentCommand IkPurge root;

  @Override
  public Integer call() {
    return root.call();
  }
}
