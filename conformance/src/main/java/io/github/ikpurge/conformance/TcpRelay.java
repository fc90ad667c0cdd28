package io.github.ikpurge.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a server that counts the connections clients open through it, so
 * a test can see connections being reused and released.
 */
public final class TcpRelay implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "tcp-relay");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();

  private TcpRelay(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /**
   * Starts a relay to the host and port of a URI.
   *
   * @param target the server to relay to
   * @return the running relay
   */
  public static TcpRelay to(URI target) {
    try {
      return new TcpRelay(new InetSocketAddress(target.getHost(), target.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the relay's address with the given scheme, such as {@code http://127.0.0.1:4711}. */
  public URI uri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
  }

  /** Returns how many client connections are open now. */
  public int openConnections() {
    return open.get();
  }

  /** Returns how many client connections were ever opened. */
  public int totalConnections() {
    return total.get();
  }

  /**
   * Waits until no more than {@code expected} connections are open.
   *
   * @param expected the count to reach
   * @param timeout how long to wait
   * @return whether the count was reached in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitOpenConnectionsAtMost(int expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.get() > expected) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        // Without this, Nagle's algorithm holds each second small write for the peer's delayed ACK.
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        open.incrementAndGet();
        total.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeBoth =
            () -> {
              if (closed.compareAndSet(false, true)) {
                quietlyClose(client);
                quietlyClose(upstream);
                open.decrementAndGet();
              }
            };
        threads.execute(() -> pump(client, upstream, closeBoth));
        threads.execute(() -> pump(upstream, client, closeBoth));
      } catch (IOException e) {
        // The relay is closing, or a client gave up while connecting.
      }
    }
  }

  private static void pump(Socket from, Socket to, Runnable closeBoth) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // A side closed; the other is closed below.
    } finally {
      closeBoth.run();
    }
  }

  private void quietlyClose(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    sockets.forEach(this::quietlyClose);
    threads.shutdownNow();
  }
}
