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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's journal: one JSON object a line, appended and written through to the file per record, so
 * that a process killed at any point leaves every record it wrote before that point, and at most
 * the last one torn. Opening a journal reads what earlier runs recorded of each URL.
 *
 * <p>A URL's records are {@code sending} (written before its purge is sent), then one of {@code
 * accepted} (with the request id), {@code refused} (the API answered with an error: nothing was
 * purged, so a later run may send it again) or {@code unanswered} (the request failed without an
 * answer: it may have been purged), and {@code completed} once its purge is seen to complete.
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

  private final Path file;
  private final FileChannel channel;
  private final Map<String, Entry> earlier;

  private Journal(Path file, FileChannel channel, Map<String, Entry> earlier) {
    this.file = file;
    this.channel = channel;
    this.earlier = earlier;
  }

  /**
   * Opens {@code file} for appending, creating it if absent, after reading its records; a torn last
   * line, from a process killed while writing it, is cut off.
   *
   * @throws IOException if the file cannot be read or written, or a line other than the last is not
   *     a journal record (the message names the line)
   */
  static Journal open(Path file) throws IOException {
    Map<String, Entry> earlier = new HashMap<>();
    long keep = 0;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int line = 0;
      int start = 0;
      for (int end = indexOf(bytes, start); end >= 0; end = indexOf(bytes, start)) {
        line++;
        read(file, line, slice(bytes, start, end), earlier);
        start = end + 1;
      }
      keep = start;
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      // One run at a time per journal, in this process or another: two would both send a URL.
      if (lock(channel) == null) {
        throw new IOException(file + " is in use by another run");
      }
      channel.truncate(keep);
      channel.position(keep);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new Journal(file, channel, earlier);
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

  /** Records a failed purge: {@code answered} if the API answered it with an error. */
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
    channel.close();
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
      case "refused" -> earlier.remove(key);
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
