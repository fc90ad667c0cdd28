package io.github.ikpurge.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on loopback that answers every request it reads with a scripted
 * misbehaviour: bytes no HTTP server library would write (bad status lines, conflicting framing,
 * header floods, stray interim responses), stalls, drips and resets at any point. It counts the
 * requests it read and the connections still open, so a test can check what reached the wire and
 * what the client left behind.
 *
 * <p>A connection stays open after a response until the client closes it, the script closes or
 * resets it, or the peer is closed; a next request on it is answered by the same script. Every wait
 * ends when the peer closes.
 */
public final class HostilePeer implements AutoCloseable {

  /** The most a request head may take; clients send a few hundred bytes. */
  private static final int MAX_REQUEST_HEAD = 64 << 10;

  /** What the peer does with one request it has read. */
  @FunctionalInterface
  public interface Script {
    /**
     * Answers a request, or does not.
     *
     * @param connection the connection the request came on
     * @param request the request
     * @throws IOException when the client went away; the peer then closes the connection
     */
    void answer(Connection connection, Request request) throws IOException;
  }

  /**
   * A request as read from the wire.
   *
   * @param method the method
   * @param target the request target
   * @param headers the header lines, name and value
   * @param body the body
   */
  public record Request(String method, String target, List<String[]> headers, byte[] body) {

    /** {@return whether this is a POST} */
    public boolean isPost() {
      return "POST".equals(method);
    }

    /** {@return the first value of a header, or null} */
    public String header(String name) {
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          return header[1];
        }
      }
      return null;
    }
  }

  private final ServerSocket server;
  private final Script script;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "hostile-peer");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final Object changes = new Object();
  private volatile boolean closed;

  private HostilePeer(Script script) throws IOException {
    this.script = script;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /**
   * Starts a peer on an ephemeral loopback port.
   *
   * @param script what to answer each request with
   * @return the running peer
   */
  public static HostilePeer start(Script script) {
    try {
      return new HostilePeer(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the peer's base URI, {@code http://127.0.0.1:port}} */
  public URI uri() {
    InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** {@return how many requests the peer has read, on all connections} */
  public int requests() {
    return requests.get();
  }

  /** {@return how many connections clients have opened} */
  public int connections() {
    return connections.get();
  }

  /** {@return how many connections neither side has closed yet} */
  public int openConnections() {
    return open.size();
  }

  /**
   * Waits until every connection has been closed, by the client or by the script.
   *
   * @param limit the longest wait
   * @return whether none is open
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitNoOpenConnections(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (changes) {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(changes, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      open.add(socket);
      try {
        threads.execute(() -> serve(socket));
      } catch (RuntimeException e) {
        forget(socket);
      }
    }
  }

  private void serve(Socket socket) {
    Connection connection = new Connection(socket);
    try {
      socket.setTcpNoDelay(true);
      while (!closed && !connection.ended) {
        Request request = connection.readRequest();
        if (request == null) {
          break;
        }
        requests.incrementAndGet();
        script.answer(connection, request);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or sent what no client sends: either way this connection is done.
    } finally {
      forget(socket);
    }
  }

  private void forget(Socket socket) {
    closeQuietly(socket);
    synchronized (changes) {
      open.remove(socket);
      changes.notifyAll();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  /** One client connection, as a script sees it. */
  public final class Connection {

    private final Socket socket;
    private InputStream in;
    private OutputStream out;
    private volatile boolean ended;

    private Connection(Socket socket) {
      this.socket = socket;
    }

    private InputStream in() throws IOException {
      if (in == null) {
        in = socket.getInputStream();
      }
      return in;
    }

    private OutputStream out() throws IOException {
      if (out == null) {
        out = socket.getOutputStream();
      }
      return out;
    }

    /**
     * Writes text as ISO-8859-1 bytes, one byte per character, and flushes.
     *
     * @param text the bytes to write, as characters 0 to 255
     * @throws IOException when the client has gone
     */
    public void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes bytes and flushes.
     *
     * @param bytes the bytes
     * @throws IOException when the client has gone
     */
    public void write(byte[] bytes) throws IOException {
      out().write(bytes);
      out().flush();
    }

    /**
     * Writes the same bytes again and again until {@code total} bytes are written or the client has
     * gone: a flood that never needs the whole of it in memory.
     *
     * @param unit the bytes to repeat
     * @param total how many bytes to write in all
     * @throws IOException when the client has gone
     */
    public void repeat(byte[] unit, long total) throws IOException {
      long written = 0;
      while (written < total && !closed) {
        int length = (int) Math.min(unit.length, total - written);
        out().write(unit, 0, length);
        written += length;
      }
      out().flush();
    }

    /**
     * Writes one byte at a time with a pause between them, until all are written, the client has
     * gone or the peer is closed.
     *
     * @param text the bytes to drip, as characters 0 to 255
     * @param pause the pause between two bytes
     * @throws IOException when the client has gone
     */
    public void drip(String text, Duration pause) throws IOException {
      for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
        if (closed) {
          return;
        }
        out().write(b);
        out().flush();
        pause(pause);
      }
    }

    /**
     * Waits without writing until the client closes the connection or the peer is closed.
     *
     * @throws IOException when reading fails
     */
    public void hold() throws IOException {
      byte[] sink = new byte[512];
      while (!closed && in().read(sink) >= 0) {
        // A client has nothing more to send on this connection; whatever comes is dropped.
      }
      ended = true;
    }

    /**
     * Resets the connection: the client sees a TCP RST, not an orderly end.
     *
     * @throws IOException when the socket cannot be set so
     */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
      ended = true;
    }

    /**
     * Ends the connection in order (a FIN after what was written).
     *
     * @throws IOException when the socket cannot be closed
     */
    public void close() throws IOException {
      socket.close();
      ended = true;
    }

    /**
     * Ends the output only: the client reads the end of the stream, the connection stays half open
     * until the client closes it.
     *
     * @throws IOException when the socket cannot be shut down
     */
    public void endOutput() throws IOException {
      out().flush();
      socket.shutdownOutput();
    }

    private Request readRequest() throws IOException {
      String requestLine;
      try {
        requestLine = readLine();
      } catch (EOFException | SocketException e) {
        ended = true;
        return null;
      }
      if (requestLine == null) {
        ended = true;
        return null;
      }
      String[] parts = requestLine.split(" ", 3);
      if (parts.length < 3) {
        throw new IOException("not an HTTP request line: " + requestLine);
      }
      List<String[]> headers = new ArrayList<>();
      int headSize = requestLine.length();
      for (String line = readLine(); !line.isEmpty(); line = readLine()) {
        headSize += line.length();
        if (headSize > MAX_REQUEST_HEAD) {
          throw new IOException("request head too large");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException("not a header line: " + line);
        }
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
      }
      Request head = new Request(parts[0], parts[1], List.copyOf(headers), new byte[0]);
      return new Request(parts[0], parts[1], head.headers(), readBody(head));
    }

    private byte[] readBody(Request head) throws IOException {
      String length = head.header("Content-Length");
      if (length != null) {
        return in().readNBytes(Integer.parseInt(length.strip()));
      }
      String encoding = head.header("Transfer-Encoding");
      if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
        return new byte[0];
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        int size =
            Integer.parseInt(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
        if (size == 0) {
          while (!readLine().isEmpty()) {
            // Trailers are dropped.
          }
          return body.toByteArray();
        }
        body.write(in().readNBytes(size));
        readLine();
      }
    }

    /** Reads a line ended by CRLF or LF; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = in().read();
        if (b < 0) {
          if (line.length() == 0) {
            return null;
          }
          throw new EOFException("the stream ended inside a line");
        }
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        if (line.length() >= MAX_REQUEST_HEAD) {
          throw new IOException("request line too long");
        }
        line.append((char) b);
      }
    }
  }

  private void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
