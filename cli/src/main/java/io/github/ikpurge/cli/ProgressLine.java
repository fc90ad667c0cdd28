package io.github.ikpurge.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * One line on the terminal that a progress bar keeps up to date: it is drawn at once, then redrawn
 * several times a second whether or not anything happened (so its clock never stands still), each
 * time padded to one column less than the terminal's width, so that it never wraps and each redraw
 * covers the last one. A shutdown hook ends the line when the JVM exits under it (Ctrl-C).
 *
 * <p>The line is rendered by a {@link Renderer} from the time since the start; the renderer reads
 * whatever state it shows itself, from any thread.
 */
final class ProgressLine implements AutoCloseable {

  /** Renders the line from the time since it started, within {@code width} columns. */
  @FunctionalInterface
  interface Renderer {
    String render(Duration elapsed, int width);
  }

  private static final int REDRAW_MILLIS = 200;

  private final LineConsumer consumer;
  private final ProgressBar bar;
  private final Thread hook;
  private boolean closed;

  private ProgressLine(LineConsumer consumer, ProgressBar bar) {
    this.consumer = consumer;
    this.bar = bar;
    this.hook = new Thread(consumer::interrupt, "ikpurge-progress-line");
  }

  /**
   * Starts drawing the line.
   *
   * @param err the terminal's stream
   * @param width the terminal's width in columns, or 0 to ask the terminal
   * @param renderer what the line shows
   */
  static ProgressLine start(PrintStream err, int width, Renderer renderer) {
    LineConsumer consumer = new LineConsumer(err, width <= 0 ? -1 : width - 1);
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("ikpurge")
            .setInitialMax(-1)
            .continuousUpdate()
            .setUpdateIntervalMillis(REDRAW_MILLIS)
            .setConsumer(consumer)
            .setRenderer((state, max) -> pad(renderer.render(state.getTotalElapsed(), max), max))
            .build();
    ProgressLine line = new ProgressLine(consumer, bar);
    Runtime.getRuntime().addShutdownHook(line.hook);
    return line;
  }

  /** Sets a line to print below the progress line if the JVM exits under it (Ctrl-C). */
  void onInterrupt(String text) {
    consumer.farewell = text;
  }

  /** Redraws the line now, for a change that should show before the next tick. */
  void refresh() {
    bar.refresh();
  }

  /** Prints a line of its own above the progress line, which is then drawn again below it. */
  void println(String text) {
    println(null, text);
  }

  /**
   * Prints a line on {@code stream} (standard output, say, on the same terminal) above the progress
   * line, which is then drawn again below it.
   */
  void println(PrintStream stream, String text) {
    consumer.above(stream, text);
    bar.refresh();
  }

  /** Draws the line a last time and ends it, so that what follows starts on a line of its own. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    bar.close();
    // A bar closed before its first drawing draws once and skips its consumer's close: end the
    // line here too (a second close does nothing).
    consumer.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs or has run, and does the same.
    }
  }

  /** Pads or cuts {@code text} to exactly {@code width} columns. */
  static String pad(String text, int width) {
    if (text.length() >= width) {
      return text.substring(0, Math.max(0, width));
    }
    return text + " ".repeat(width - text.length());
  }

  /**
   * The library's console consumer ({@code \r}, then the line), which stops drawing once the JVM is
   * shutting down and ends the line then.
   */
  private static final class LineConsumer extends ConsoleProgressBarConsumer {

    private final PrintStream err;
    private boolean ended;
    volatile String farewell;

    LineConsumer(PrintStream err, int maxRenderedLength) {
      super(err, maxRenderedLength);
      this.err = err;
    }

    @Override
    public synchronized void accept(String line) {
      if (!ended) {
        super.accept(line);
        err.flush();
      }
    }

    synchronized void above(PrintStream stream, String text) {
      if (stream != null && stream != err) {
        if (!ended) {
          err.print("\r" + " ".repeat(getMaxRenderedLength()) + "\r");
          err.flush();
        }
        stream.println(text);
        stream.flush();
      } else if (!ended) {
        // Blank the progress line first: a long text may wrap, but is a line of its own.
        err.print("\r" + " ".repeat(getMaxRenderedLength()) + "\r" + text + System.lineSeparator());
        err.flush();
      }
    }

    synchronized void interrupt() {
      if (!ended) {
        ended = true;
        err.println();
        if (farewell != null) {
          err.println(farewell);
        }
        err.flush();
      }
    }

    @Override
    public synchronized void close() {
      if (!ended) {
        ended = true;
        super.close();
      }
    }
  }
}
