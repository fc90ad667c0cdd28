package io.github.ikpurge.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The URLs of a bulk purge, one a line, read lazily from a reader: surrounding whitespace (and a
 * byte order mark) is stripped, and blank lines and lines starting with {@code #} are left out.
 * Each URL read, and the end of the input, is told to the tally. It can be read once.
 */
final class UrlInput implements Iterable<String> {

  private final BufferedReader reader;
  private final Tally tally;

  UrlInput(BufferedReader reader, Tally tally) {
    this.reader = reader;
    this.tally = tally;
  }

  /** Returns whether a line holds a URL rather than nothing or a comment. */
  static boolean isUrl(String line) {
    String text = text(line);
    return !text.isEmpty() && !text.startsWith("#");
  }

  /** The line without surrounding whitespace, nor the byte order mark some editors write. */
  private static String text(String line) {
    String text = line.strip();
    return text.startsWith("\uFEFF") ? text.substring(1).strip() : text;
  }

  /** Counts the URLs a reader holds, reading it to its end. */
  static long count(BufferedReader reader) throws IOException {
    long count = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (isUrl(line)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private String next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (next == null && !ended) {
          next = read();
          if (next == null) {
            ended = true;
            tally.inputEnded();
          }
        }
        return next != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String url = next;
        next = null;
        tally.urlRead();
        return url;
      }
    };
  }

  private String read() {
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (isUrl(line)) {
          return text(line);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the URLs: " + e.getMessage(), e);
    }
  }
}
