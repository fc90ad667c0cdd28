package io.github.ikpurge.cli;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.ImageKitException;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ikpurge} command-line tool: ask for a purge's status, submit a purge, optionally wait
 * for it to complete, or run the demo (the default when no command is given).
 *
 * <p>{@code purge} takes one URL, or a list of them with {@code --from} ({@link BulkPurgeRun}).
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
      "  5  the purge reports a status other than Pending or Completed",
      "  6  purge --from: some of the URLs were refused, the others purged",
      "  7  purge --from: some URLs are in doubt (an earlier run with the same journal",
      "     sent them and stopped before the answer), the others purged",
      "  With purge --from, 1 also means the run stopped early (the rest not sent),",
      "  and 3 that some purges did not complete within the wait."
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
      description =
          "print the result as one JSON object (purge --from: one JSON line per URL and per"
              + " completion, then a summary line)")
  boolean json;

  private final Map<String, String> env;
  private final Streams streams;
  private final PrintStream out;
  private final PrintStream err;

  IkPurge(Map<String, String> env, Streams streams) {
    this.env = env;
    this.streams = streams;
    this.out = streams.out();
    this.err = streams.err();
  }

  /**
   * Where the tool reads and writes.
   *
   * @param in standard input, for {@code purge --from -}
   * @param out standard output
   * @param err standard error
   * @param interactive whether standard error is a terminal, where progress is one line redrawn
   * @param width the terminal's width in columns, or 0 to ask the terminal
   */
  record Streams(
      InputStream in, PrintStream out, PrintStream err, boolean interactive, int width) {}

  /**
   * Runs the tool and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Streams streams = new Streams(System.in, System.out, System.err, onATerminal(), 0);
    System.exit(run(System.getenv(), streams, args));
  }

  /**
   * Returns whether the JVM runs on a terminal. Before Java 22 a console exists only then; from
   * Java 22 on there may be one when the streams are redirected, and {@code isTerminal()} tells.
   */
  static boolean onATerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | ClassCastException e) {
      return false;
    }
  }

  /** Runs the tool with these streams and environment, and nothing on standard input. */
  static int run(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean interactive,
      String... args) {
    return run(env, new Streams(InputStream.nullInputStream(), out, err, interactive, 0), args);
  }

  /** Runs the tool with these streams and environment; returns the exit code. */
  static int run(Map<String, String> env, Streams streams, String... args) {
    PrintStream out = streams.out();
    PrintStream err = streams.err();
    CommandLine line = new CommandLine(new IkPurge(env, streams));
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

  /** Returns an output for a command's run; called once the command line is parsed. */
  Output output() {
    return new Output(out, err, json, streams.interactive(), streams.width());
  }

  /** Standard input, for {@code purge --from -}. */
  InputStream in() {
    return streams.in();
  }

  /** Builds a client from the environment, runs the call and maps every failure to an exit code. */
  int withClient(ClientCall call) {
    return withClient(builder -> {}, call);
  }

  /**
   * Builds a client from the environment and {@code configure}, runs the call and maps every
   * failure to an exit code.
   */
  int withClient(Consumer<PurgeClient.Builder> configure, ClientCall call) {
    Output output = output();
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
      configure.accept(builder);
      try (PurgeClient client = builder.build()) {
        return call.run(client, output);
      }
    } catch (ImageKitException e) {
      output.endProgress();
      output.error(e);
      return ExitCodes.of(e);
    } catch (IllegalArgumentException | NullPointerException e) {
      output.endProgress();
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
