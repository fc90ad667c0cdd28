package io.github.ikpurge.examples;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.ImageKitException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ikpurge} command-line tool: ask for a purge's status, submit a purge, optionally wait
 * for it to complete, or run the demo (the default when no command is given).
 *
 * <p>The private key comes from {@code IMAGEKIT_PRIVATE_KEY}; {@code IMAGEKIT_API_BASE_URL} points
 * the tool at another address, such as a proxy or the simulator.
 *
 * <p>This root command holds the options every command inherits and builds the client from the
 * environment; the commands are {@link DemoCommand}, {@link StatusCommand} and {@link
 * PurgeCommand}, and everything they print goes through {@link Output}.
 */
@Command(
    name = "ikpurge",
    mixinStandardHelpOptions = true,
    versionProvider = IkPurge.VersionProvider.class,
    description = "Purges files from ImageKit's CDN and follows purges to completion.",
    subcommands = {DemoCommand.class, StatusCommand.class, PurgeCommand.class},
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  IMAGEKIT_PRIVATE_KEY   the account's private key (status and purge need it; without it"
          + " the demo runs against an embedded simulator)",
      "  IMAGEKIT_API_BASE_URL  another API address, e.g. a proxy or a simulator",
      "",
      "Exit codes:",
      "  0  success; with status or --wait, the purge is Completed",
      "  1  the API or the network failed (error status, timeout, refused connection)",
      "  2  usage error: unknown option, bad request id or URL",
      "  3  the purge is still Pending (status without --wait, or the wait ran out)",
      "  4  configuration error: no private key, a public key, no transport",
      "  5  the purge reports a status other than Pending or Completed"
    })
public final class IkPurge implements Callable<Integer> {

  @Option(
      names = {"-t", "--transport"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "the transport: jdk, apache or feign (default: the highest priority found)")
  String transport;

  @Option(
      names = "--json",
      scope = CommandLine.ScopeType.INHERIT,
      description = "print the result as one JSON object")
  boolean json;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  IkPurge(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /**
   * Runs the tool and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out, System.err, System.console() != null, args));
  }

  /** Runs the tool with these streams and environment; returns the exit code. */
  static int run(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean interactive,
      String... args) {
    CommandLine line = new CommandLine(new IkPurge(env, out, err, interactive));
    line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    // The commands map every failure they expect; anything else is a failure of the tool.
    line.setExitCodeExceptionMapper(failure -> ExitCodes.FAILED);
    line.setParameterExceptionHandler(
        (failure, arguments) -> {
          Output.printError(err, failure.getMessage(), null);
          failure.getCommandLine().usage(err);
          return ExitCodes.USAGE;
        });
    return line.execute(args);
  }

  /** With no command, runs the demo. */
  @Override
  public Integer call() {
    return new Demo(env, out, err, transport).run();
  }

  /** An operation on a client that prints through the output and returns an exit code. */
  @FunctionalInterface
  interface ClientCall {
    int run(PurgeClient client, Output output);
  }

  /** Builds a client from the environment, runs the call and maps every failure to an exit code. */
  int withClient(ClientCall call) {
    // Built once the command line is parsed, when --json is known.
    Output output = new Output(out, err, json, interactive);
    String key = env.get("IMAGEKIT_PRIVATE_KEY");
    if (key == null || key.isBlank()) {
      output.error(
          "ConfigurationException", "set IMAGEKIT_PRIVATE_KEY to the account's private key", null);
      return ExitCodes.CONFIGURATION;
    }
    try {
      PurgeClient.Builder builder = PurgeClient.builder().privateKey(key);
      String base = env.get("IMAGEKIT_API_BASE_URL");
      if (base != null && !base.isBlank()) {
        builder.baseUri(base);
      }
      if (transport != null) {
        builder.transport(transport);
      }
      try (PurgeClient client = builder.build()) {
        return call.run(client, output);
      }
    } catch (ImageKitException e) {
      output.endProgress();
      output.error(e);
      return ExitCodes.of(e);
    } catch (IllegalArgumentException | NullPointerException e) {
      output.error("IllegalArgumentException", e.getMessage(), null);
      return ExitCodes.USAGE;
    }
  }

  /** Prints the SDK's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      String version = IkPurge.class.getPackage().getImplementationVersion();
      return new String[] {"ikpurge " + (version == null ? "(development build)" : version)};
    }
  }
}
