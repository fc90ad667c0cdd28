package io.github.ikpurge.examples;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the {@code status} and {@code purge} commands print: a result as text or, with {@code
 * --json}, as one JSON object on standard output; the progress of a wait and errors on standard
 * error (errors as JSON on standard output with {@code --json}).
 *
 * <p>One instance serves one run of a command, since it remembers whether a progress line is open.
 */
final class Output {

  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final boolean interactive;
  private boolean progressShown;

  /**
   * An output for one run of a command.
   *
   * @param out where results go, and errors with {@code json}
   * @param err where progress and errors go
   * @param json whether results and errors are printed as JSON
   * @param interactive whether standard error is a terminal, where progress rewrites one line
   */
  Output(PrintStream out, PrintStream err, boolean json, boolean interactive) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.interactive = interactive;
  }

  /** Prints a submitted purge: its request id. */
  void submitted(PurgeResult result) {
    print(result.requestId().value(), null, result.metadata());
  }

  /** Ends a progress line, then prints a purge's request id and status. */
  void status(PurgeStatusResult result) {
    endProgress();
    print(result.requestId().value(), result.status(), result.metadata());
  }

  /** Prints a failure of the SDK: its type, message and the id ImageKit's support asks for. */
  void error(ImageKitException error) {
    error(error.getClass().getSimpleName(), error.getMessage(), error.ikRequestId().orElse(null));
  }

  /** Prints an error; {@code type} names it in JSON, {@code ikRequestId} may be null. */
  void error(String type, String message, String ikRequestId) {
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
  }

  /**
   * Prints an error for a person: its message, then the id ImageKit's support asks for. Static
   * because the demo and picocli's usage errors print to a stream with no {@code --json} to honour.
   */
  static void printError(PrintStream err, String message, String ikRequestId) {
    err.println("error: " + message);
    if (ikRequestId != null) {
      err.println("x-ik-requestId (for support): " + ikRequestId);
    }
  }

  /** Returns a listener that keeps one progress line on the terminal, or a line a poll if not. */
  PollListener progress() {
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

  /** Ends the progress line, if one is open, so that what follows starts on a line of its own. */
  void endProgress() {
    if (progressShown) {
      err.println();
      progressShown = false;
    }
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

  private void printJson(Map<String, String> fields) {
    out.println(new String(BuiltInJsonCodec.create().writeObject(fields), StandardCharsets.UTF_8));
  }
}
