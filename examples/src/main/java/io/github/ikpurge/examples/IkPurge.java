package io.github.ikpurge.examples;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.spi.JsonCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code ikpurge} command-line tool: ask for a purge's status, submit a purge, optionally wait
 * for it to complete, or run the demo (the default when no command is given).
 *
 * <p>The private key comes from {@code IMAGEKIT_PRIVATE_KEY}; {@code IMAGEKIT_API_BASE_URL} points
 * the tool at another address, such as a proxy or the simulator.
 */
@Command(
    name = "ikpurge",
    mixinStandardHelpOptions = true,
    versionProvider = IkPurge.Version.class,
    description = "Purges files from ImageKit's CDN and follows purges to completion.",
    subcommands = {
      IkPurge.DemoCommand.class,
      IkPurge.StatusCommand.class,
      IkPurge.PurgeCommand.class
    },
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
    line.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
    line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    // The commands map every failure they expect; anything else is a failure of the tool.
    line.setExitCodeExceptionMapper(failure -> ExitCodes.FAILED);
    line.setParameterExceptionHandler(
        (failure, arguments) -> {
          err.println("error: " + failure.getMessage());
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

  /** Runs the demo: a purge followed to completion, then ImageKit's two status snippets. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Purges a file and waits for it, then runs ImageKit's Java and .NET snippets; against"
              + " an embedded simulator unless IMAGEKIT_PRIVATE_KEY is set.")
  static final class DemoCommand implements Callable<Integer> {

    @ParentCommand IkPurge root;

    @Override
    public Integer call() {
      return root.call();
    }
  }

  /** The options of a command that can wait for the purge to complete. */
  static final class WaitOptions {

    @Option(names = "--wait", description = "wait until the purge is no longer Pending")
    boolean await;

    @Option(
        names = "--max-wait",
        converter = DurationConverter.class,
        defaultValue = "10m",
        description = "the longest wait, e.g. 90s, 2m, 500ms (default: ${DEFAULT-VALUE})")
    Duration maxWait;
  }

  /** Prints a purge's status, or waits until it is no longer Pending. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Prints the status of a purge: Pending or Completed.")
  static final class StatusCommand implements Callable<Integer> {

    @ParentCommand IkPurge root;

    @Mixin WaitOptions wait;

    @Parameters(paramLabel = "<requestId>", description = "the id the purge returned")
    String requestId;

    @Override
    public Integer call() {
      return root.withClient(
          client ->
              root.finish(
                  wait.await
                      ? client.awaitCompletion(requestId, wait.maxWait, root.progress())
                      : client.status(requestId)));
    }
  }

  /** Submits a purge, optionally waiting for it to complete. */
  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Purges a file's cached copies (each purge counts against the monthly quota).")
  static final class PurgeCommand implements Callable<Integer> {

    @ParentCommand IkPurge root;

    @Mixin WaitOptions wait;

    @Parameters(paramLabel = "<url>", description = "the file's absolute URL; * only at the end")
    String url;

    @Override
    public Integer call() {
      return root.withClient(
          client -> {
            if (wait.await) {
              return root.finish(client.purgeAndAwait(url, wait.maxWait, root.progress()));
            }
            PurgeResult result = client.purge(url);
            root.print(result.requestId().value(), null, result.metadata());
            return ExitCodes.OK;
          });
    }
  }

  /** Ends a progress line, prints a status and returns its exit code. */
  private int finish(PurgeStatusResult result) {
    endProgress();
    print(result.requestId().value(), result.status(), result.metadata());
    return exitCodeOf(result.status());
  }

  /** An operation on a client that returns an exit code. */
  @FunctionalInterface
  interface ClientCall {
    int run(PurgeClient client);
  }

  /** Builds a client from the environment, runs the call and maps every failure to an exit code. */
  int withClient(ClientCall call) {
    String key = env.get("IMAGEKIT_PRIVATE_KEY");
    if (key == null || key.isBlank()) {
      return fail(
          ExitCodes.CONFIGURATION,
          "ConfigurationException",
          "set IMAGEKIT_PRIVATE_KEY to the account's private key",
          null);
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
        return call.run(client);
      }
    } catch (ImageKitException e) {
      endProgress();
      return fail(ExitCodes.of(e), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      return fail(ExitCodes.USAGE, "IllegalArgumentException", e.getMessage(), null);
    }
  }

  private int fail(int code, ImageKitException error) {
    return fail(
        code,
        error.getClass().getSimpleName(),
        error.getMessage(),
        error.ikRequestId().orElse(null));
  }

  private int fail(int code, String type, String message, String ikRequestId) {
    if (json) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("error", type);
      fields.put("message", String.valueOf(message));
      if (ikRequestId != null) {
        fields.put("ikRequestId", ikRequestId);
      }
      printJson(fields);
    } else {
      printError(err, message, ikRequestId);
    }
    return code;
  }

  /** Prints an error for a person: its message, then the id ImageKit's support asks for. */
  static void printError(PrintStream err, String message, String ikRequestId) {
    err.println("error: " + message);
    if (ikRequestId != null) {
      err.println("x-ik-requestId (for support): " + ikRequestId);
    }
  }

  private void printJson(Map<String, String> fields) {
    out.println(new String(JsonCodec.builtIn().writeObject(fields), StandardCharsets.UTF_8));
  }

  private void print(String requestId, PurgeCacheStatus status, ResponseMetadata metadata) {
    if (json) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("requestId", requestId);
      if (status != null) {
        fields.put("status", status.value());
      }
      fields.put("httpStatus", Integer.toString(metadata.statusCode()));
      metadata.ikRequestId().ifPresent(id -> fields.put("ikRequestId", id));
      printJson(fields);
    } else if (status == null) {
      out.println(requestId);
    } else {
      out.println(requestId + " " + status.value());
    }
  }

  private boolean progressShown;

  /** Returns a listener that keeps one progress line on the terminal, or a line a poll if not. */
  private PollListener progress() {
    return (PollEvent poll) -> {
      String line =
          String.format(
              Locale.ROOT,
              "waiting for %s: %s (poll %d, %.1f s)",
              poll.requestId(),
              poll.status(),
              poll.poll(),
              poll.elapsed().toMillis() / 1000.0);
      if (interactive) {
        err.print("\r" + line + "   ");
        err.flush();
        progressShown = true;
      } else {
        err.println(line);
      }
    };
  }

  private void endProgress() {
    if (progressShown) {
      err.println();
      progressShown = false;
    }
  }

  private static int exitCodeOf(PurgeCacheStatus status) {
    if (status.isCompleted()) {
      return ExitCodes.OK;
    }
    return status.isPending() ? ExitCodes.PENDING : ExitCodes.OTHER_STATUS;
  }

  /** Reads durations such as {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h} or ISO-8601. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

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
      } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
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

  /** Prints the SDK's version. */
  static final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      String version = IkPurge.class.getPackage().getImplementationVersion();
      return new String[] {"ikpurge " + (version == null ? "(development build)" : version)};
    }
  }
}
