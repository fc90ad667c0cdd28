package io.github.ikpurge.cli;

import io.github.ikpurge.bulk.BulkPurgeListener;
import io.github.ikpurge.bulk.BulkPurgeSummary;
import io.github.ikpurge.bulk.UrlCompletion;
import io.github.ikpurge.bulk.UrlOutcome;
import io.github.ikpurge.error.ImageKitException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What a bulk purge prints as it goes and at its end. Each URL's outcome and completion is a JSON
 * line on standard output with {@code --json}; on a terminal, the progress line on standard error
 * counts them (with the failures printed above it); otherwise each is one plain line on standard
 * error. The summary ends the run: on standard output, as text or as a JSON line.
 *
 * <p>The run calls it from one thread at a time; the progress line reads the tally from its own.
 */
final class BulkReport implements BulkPurgeListener {

  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final Tally tally;
  private final ProgressLine line;

  /**
   * A report on these streams.
   *
   * @param line the progress line on the terminal, or null when standard error is not one
   */
  BulkReport(PrintStream out, PrintStream err, boolean json, Tally tally, ProgressLine line) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.tally = tally;
    this.line = line;
  }

  @Override
  public void onPurge(UrlOutcome outcome) {
    tally.outcome(outcome);
    if (json) {
      print(json(outcome));
    }
    event(plain(outcome), outcome.kind() != UrlOutcome.Kind.ACCEPTED);
  }

  @Override
  public void onCompletion(UrlCompletion completion) {
    tally.completion(completion);
    if (json) {
      print(json(completion));
    }
    event(plain(completion), !completion.completed());
  }

  /** Ends the progress line, then prints the summary; returns the run's exit code. */
  int summary(BulkPurgeSummary summary, boolean waited) {
    if (line != null) {
      line.close();
    }
    int code = ExitCodes.of(summary);
    if (json) {
      JsonLine fields =
          new JsonLine()
              .put("type", "summary")
              .put("total", summary.total())
              .put("accepted", summary.count(UrlOutcome.Kind.ACCEPTED))
              .put("refused", summary.count(UrlOutcome.Kind.REFUSED))
              .put("failed", summary.count(UrlOutcome.Kind.FAILED))
              .put("duplicate", summary.count(UrlOutcome.Kind.DUPLICATE))
              .put("covered", summary.count(UrlOutcome.Kind.COVERED))
              .put("notSent", summary.count(UrlOutcome.Kind.NOT_SENT))
              .put("inDoubt", summary.count(UrlOutcome.Kind.IN_DOUBT));
      if (waited) {
        fields.put("completed", summary.completed()).put("notCompleted", summary.notCompleted());
      }
      fields.put("elapsedSeconds", summary.elapsed().toMillis() / 1000.0);
      summary.stoppedBy().ifPresent(error -> fields.put("stoppedBy", error.getMessage()));
      out.println(fields.put("exitCode", code));
    } else {
      out.println(text(summary, waited));
      summary.stoppedBy().ifPresent(error -> Output.printError(err, error.getMessage(), null));
    }
    return code;
  }

  /** The summary as one line of text. */
  static String text(BulkPurgeSummary summary, boolean waited) {
    StringBuilder text = new StringBuilder().append(summary.total()).append(" URLs:");
    String separator = " ";
    for (UrlOutcome.Kind kind : UrlOutcome.Kind.values()) {
      long count = summary.count(kind);
      if (count > 0 || kind == UrlOutcome.Kind.ACCEPTED) {
        text.append(separator).append(count).append(' ').append(name(kind));
        separator = ", ";
      }
    }
    if (waited) {
      text.append("; ").append(summary.completed()).append(" completed");
      if (summary.notCompleted() > 0) {
        text.append(", ").append(summary.notCompleted()).append(" not completed");
      }
    }
    return text.append(
            String.format(Locale.ROOT, " (%.1f s)", summary.elapsed().toMillis() / 1000.0))
        .toString();
  }

  /** Prints a JSON line, above the progress line if one is drawn: both may be on one terminal. */
  private void print(String jsonLine) {
    if (line != null) {
      line.println(out, jsonLine);
    } else {
      out.println(jsonLine);
    }
  }

  private void event(String text, boolean failure) {
    if (line != null) {
      if (failure && !json) {
        line.println(text);
      } else {
        line.refresh();
      }
    } else if (!json) {
      err.println(text);
    }
  }

  private static String name(UrlOutcome.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The plain line of an outcome, such as {@code #3 accepted https://… requestId 5f1a…}. */
  static String plain(UrlOutcome outcome) {
    StringBuilder text =
        new StringBuilder("#")
            .append(outcome.index())
            .append(' ')
            .append(name(outcome.kind()))
            .append(' ')
            .append(outcome.url());
    outcome.requestId().ifPresent(id -> text.append(" requestId ").append(id.value()));
    outcome.coveredBy().ifPresent(wildcard -> text.append(" by ").append(wildcard));
    if (outcome.kind() == UrlOutcome.Kind.IN_DOUBT) {
      text.append(": sent by an earlier run that stopped before the answer; not sent again");
    }
    outcome.error().ifPresent(error -> text.append(": ").append(error.getMessage()));
    if (outcome.fromJournal() && outcome.kind() == UrlOutcome.Kind.ACCEPTED) {
      text.append(" (earlier run)");
    }
    return text.toString();
  }

  /** The plain line of a completion, such as {@code #3 completed https://…}. */
  static String plain(UrlCompletion completion) {
    StringBuilder text =
        new StringBuilder("#")
            .append(completion.index())
            .append(completion.completed() ? " completed " : " not completed ")
            .append(completion.url());
    completion.error().ifPresent(error -> text.append(": ").append(error.getMessage()));
    if (completion.fromJournal()) {
      text.append(" (earlier run)");
    }
    return text.toString();
  }

  static String json(UrlOutcome outcome) {
    JsonLine fields =
        new JsonLine()
            .put("type", "purge")
            .put("index", outcome.index())
            .put("url", outcome.url())
            .put("outcome", outcome.kind().name().toLowerCase(Locale.ROOT))
            .put("requestId", outcome.requestId().map(id -> id.value()).orElse(null))
            .put("coveredBy", outcome.coveredBy().orElse(null));
    outcome.error().ifPresent(error -> error(fields, error));
    return fields.put("fromJournal", outcome.fromJournal()).toString();
  }

  static String json(UrlCompletion completion) {
    JsonLine fields =
        new JsonLine()
            .put("type", "completion")
            .put("index", completion.index())
            .put("url", completion.url())
            .put("requestId", completion.requestId().value())
            .put("completed", completion.completed());
    completion
        .result()
        .ifPresent(
            result ->
                fields
                    .put("status", result.status().value())
                    .put("httpStatus", result.metadata().statusCode())
                    .put("ikRequestId", result.metadata().ikRequestId().orElse(null)));
    completion.error().ifPresent(error -> error(fields, error));
    return fields.put("fromJournal", completion.fromJournal()).toString();
  }

  private static void error(JsonLine fields, RuntimeException error) {
    fields.put("error", error.getClass().getSimpleName()).put("message", error.getMessage());
    if (error instanceof ImageKitException kit) {
      kit.response().ifPresent(response -> fields.put("httpStatus", response.statusCode()));
      fields.put("ikRequestId", kit.ikRequestId().orElse(null));
    }
  }
}
