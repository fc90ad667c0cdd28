package io.github.ikpurge.bulk;

import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's journal: one JSON object a line, appended and written through to the file per record, so
 * that a process killed at any point leaves every record it wrote before that point, and at most
 * the last one torn. Opening a journal reads what earlier runs recorded of each URL.
 *
 * <p>A URL's records are {@code sending} (written before its purge is sent), then one of {@code
 * accepted} (with the request id), {@code refused} (the API answered with an error: nothing was
 * purged, so a later run may send it again), {@code unanswered} (the request failed without a clear
 * answer: it may have been purged) or {@code unsent} (the client did not send it after all), and
 * {@code completed} once its purge is seen to complete.
 */
final class Journal implements Closeable {

  /** What earlier runs recorded of a URL. */
  enum State {
    /** Sent without a known answer: it may have been purged. */
    IN_DOUBT,
    ACCEPTED,
    COMPLETED
  }

  /** A URL's state and, when accepted, the id of its purge. */
  record Entry(State state, PurgeRequestId requestId) {}

  private static final JsonCodec JSON = BuiltInJsonCodec.create();

  /** The largest journal read: some 10 million records. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  /** The journals open in this JVM, by absolute path. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final Path key;
  private final FileChannel channel;
  private final Map<String, Entry> earlier;

  private Journal(Path file, Path key, FileChannel channel, Map<String, Entry> earlier) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.earlier = earlier;
  }

  /**
   * Opens {@code file} for appending, creating it if absent, after reading its records; a torn last
   * line, from a process killed while writing it, is cut off. The journal is locked against any
   * other run, in this JVM or another process, until it is closed.
   *
   * @throws IOException if the file cannot be read or written, is in use by another run, or a line
   *     other than the last is not a journal record (the message names the line)
   */
  static Journal open(Path file) throws IOException {
    // Checked before any handle is opened: on some systems closing any handle on a file drops
    // the locks this process holds on it, so a second open in this JVM must not get that far.
    Path key = file.toAbsolutePath().normalize();
    if (!OPEN.add(key)) {
      throw new IOException(file + " is in use by another run in this JVM");
    }
    try {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      try {
        FileLock lock = lock(channel);
        if (lock == null) {
          throw new IOException(file + " is in use by another run");
        }
        // Read under the lock, through the same handle, so no record written before is lost.
        Map<String, Entry> earlier = new HashMap<>();
        long keep = read(file, channel, earlier);
        channel.truncate(keep);
        channel.position(keep);
        return new Journal(file, key, channel, earlier);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      OPEN.remove(key);
      throw e;
    }
  }

  /** Reads every whole line of the file; returns the length up to the end of the last one. */
  private static long read(Path file, FileChannel channel, Map<String, Entry> earlier)
      throws IOException {
    long size = channel.size();
    if (size > MAX_BYTES) {
      throw new IOException(
          file + " is " + size + " bytes long; a journal holds at most " + MAX_BYTES);
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read until full
    }
    byte[] bytes = buffer.array();
    int line = 0;
    int start = 0;
    for (int end = indexOf(bytes, start); end >= 0; end = indexOf(bytes, start)) {
      line++;
      read(file, line, slice(bytes, start, end), earlier);
      start = end + 1;
    }
    return start;
  }

  private static FileLock lock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  /** Returns what earlier runs recorded of {@code url}, or null if they recorded nothing. */
  Entry earlier(String url) {
    return earlier.get(url);
  }

  void sending(String url) throws IOException {
    append("sending", url, null, null);
  }

  void accepted(String url, PurgeRequestId id) throws IOException {
    append("accepted", url, "requestId", id.value());
  }

  /** Records a purge that was not sent after all: the client refused it before sending. */
  void unsent(String url) throws IOException {
    append("unsent", url, null, null);
  }

  /** Records a failed purge: {@code answered} if the API answered that it did not purge. */
  void failed(String url, boolean answered, String error) throws IOException {
    append(answered ? "refused" : "unanswered", url, "error", error);
  }

  void completed(String url, PurgeRequestId id) throws IOException {
    append("completed", url, "requestId", id.value());
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      OPEN.remove(key);
    }
  }

  private void append(String event, String url, String name, String value) throws IOException {
    Map<String, String> record = new LinkedHashMap<>();
    record.put("event", event);
    record.put("url", url);
    if (name != null) {
      record.put(name, value);
    }
    byte[] json = JSON.writeObject(record);
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    while (line.hasRemaining()) {
      channel.write(line);
    }
  }

  private static void read(Path file, int line, byte[] json, Map<String, Entry> earlier)
      throws IOException {
    Map<String, Object> record;
    try {
      record = JSON.readObject(json);
    } catch (JsonCodecException e) {
      throw new IOException(file + " line " + line + " is not a journal record: " + e.getMessage());
    }
    Object event = record.get("event");
    Object url = record.get("url");
    if (!(event instanceof String) || !(url instanceof String)) {
      throw new IOException(file + " line " + line + " has no event or url");
    }
    String key = (String) url;
    switch ((String) event) {
      case "sending", "unanswered" -> earlier.put(key, new Entry(State.IN_DOUBT, null));
      case "refused", "unsent" -> earlier.remove(key);
      case "accepted", "completed" -> {
        Object id = record.get("requestId");
        if (!(id instanceof String text)) {
          throw new IOException(file + " line " + line + " has no requestId");
        }
        PurgeRequestId requestId;
        try {
          requestId = PurgeRequestId.of(text);
        } catch (IllegalArgumentException e) {
          throw new IOException(file + " line " + line + ": " + e.getMessage());
        }
        State state = event.equals("accepted") ? State.ACCEPTED : State.COMPLETED;
        earlier.put(key, new Entry(state, requestId));
      }
      default -> throw new IOException(file + " line " + line + " has an unknown event: " + event);
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    byte[] part = new byte[to - from];
    System.arraycopy(bytes, from, part, 0, part.length);
    return part;
  }

  @Override
  public String toString() {
    return "Journal[" + file + ']';
  }
}
