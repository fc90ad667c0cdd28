package io.github.ikpurge.cli;

import io.github.ikpurge.PollEvent;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ImageKitException;
import java.io.PrintStream;

/**
 * Everything the {@code status} and {@code purge} commands print: a result as text or, with {@code
 * --json}, as one JSON object on standard output; the progress of a wait and errors on standard
 * error (errors as JSON on standard output with {@code --json}).
 *
 * <p>One instance serves one run of a command, since it owns the progress line while one is open.
 */
final class Output {

  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final boolean interactive;
  private final int width;
  private ProgressLine progressLine;

  /**
   * An output for one run of a command.
   *
   * @param out where results go, and errors with {@code json}
   * @param err where progress and errors go
   * @param json whether results and errors are printed as JSON
   * @param interactive whether standard error is a terminal, where progress is one line redrawn
   * @param width the terminal's width in columns, or 0 to ask the terminal
   */
  Output(PrintStream out, PrintStream err, boolean json, boolean interactive, int width) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.interactive = interactive;
    this.width = width;
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
    endProgress();
    if (json) {
      out.println(
          new JsonLine()
              .put("error", type)
              .put("message", String.valueOf(message))
              .put("ikRequestId", ikRequestId));
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

  /**
   * Starts showing the progress of a wait and returns the listener to give it. On a terminal one
   * line shows the last poll and a clock that runs from now, redrawn between polls (so something
   * shows while the purge is sent, before the first poll); elsewhere each poll prints a line.
   */
  PollListener progress() {
    if (!interactive) {
      return poll -> err.println(ProgressText.pollLine(poll));
    }
    PollState state = new PollState();
    progressLine((elapsed, columns) -> ProgressText.poll(state.last, elapsed, columns));
    return poll -> {
      state.last = poll;
      progressLine.refresh();
    };
  }

  /**
   * Starts a progress line drawn by {@code renderer} if standard error is a terminal.
   *
   * @return the line, or null if standard error is not a terminal
   */
  ProgressLine progressLine(ProgressLine.Renderer renderer) {
    if (interactive && progressLine == null) {
      progressLine = ProgressLine.start(err, width, renderer);
    }
    return progressLine;
  }

  /** Ends the progress line, if one is open, so that what follows starts on a line of its own. */
  void endProgress() {
    if (progressLine != null) {
      progressLine.close();
      progressLine = null;
    }
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean json() {
    return json;
  }

  private void print(String requestId, PurgeCacheStatus status, ResponseMetadata metadata) {
    if (json) {
      out.println(
          new JsonLine()
              .put("requestId", requestId)
              .put("status", status == null ? null : status.value())
              .put("httpStatus", metadata.statusCode())
              .put("ikRequestId", metadata.ikRequestId().orElse(null)));
    } else if (status == null) {
      out.println(requestId);
    } else {
      out.println(requestId + " " + status.value());
    }
  }

  /** The last poll of a wait, read by the progress line's thread. */
  private static final class PollState {
    volatile PollEvent last;
  }
}
