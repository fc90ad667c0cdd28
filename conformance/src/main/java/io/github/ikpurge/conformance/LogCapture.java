package io.github.ikpurge.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record of the JDK's logging (where {@link System.Logger} goes by default) at
 * the finest level, formatted with parameters and stack traces, until closed.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = Logger.getLogger("");
  private final Logger sdk = Logger.getLogger("io.github.ikpurge");
  private final Level rootLevel = root.getLevel();
  private final Level sdkLevel = sdk.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          StringBuilder line =
              new StringBuilder()
                  .append(record.getLevel())
                  .append(' ')
                  .append(record.getLoggerName())
                  .append(": ")
                  .append(formatter.formatMessage(record));
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
          }
          synchronized (lines) {
            lines.add(line.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
    sdk.setLevel(Level.ALL);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Returns the lines captured so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Returns all captured text as one string. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    sdk.setLevel(sdkLevel);
  }
}
