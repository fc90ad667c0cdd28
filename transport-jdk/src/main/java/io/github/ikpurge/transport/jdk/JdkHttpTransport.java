package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.transport.jdk.internal.Exchanges;
import io.github.ikpurge.transport.jdk.internal.Workers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transport on the JDK's {@link HttpClient}. Asynchronous calls use {@code sendAsync}, so no
 * thread is parked per call; blocking calls use {@code send} on the caller's thread. The time limit
 * of a request covers the whole exchange, body included. Thread-safe.
 *
 * <p>On machines with fewer than three cores, {@code sendAsync} completes each response on a new
 * short-lived thread of CompletableFuture's default executor: the JDK client does so whatever
 * executor it is given. Blocking calls are not affected.
 *
 * <p>{@link TransportOptions#maxConnections()} is not honoured: the JDK client has no per-client
 * pool limit (only the global {@code jdk.httpclient.connectionPoolSize} property).
 *
 * <p>A transport built from options gives its client its own pool of daemon worker threads, twice
 * the number of processors (at least four; a FIFO fork-join pool, which hands work over faster than
 * a queue its idle workers sleep on), instead of the JDK's unbounded cached pool: the work they do
 * never blocks, so their number need not grow with the calls in flight. Futures complete on them;
 * code chained on a future must not block, or must run on an executor of its own ({@code
 * thenApplyAsync(fn, executor)}). {@link #close()} shuts the pool down.
 */
public final class JdkHttpTransport implements HttpTransport {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");

  private final HttpClient client;
  private final ExecutorService workers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdkHttpTransport(HttpClient client, ExecutorService workers) {
    this.client = client;
    this.workers = workers;
  }

  /**
   * Creates a transport with its own {@link HttpClient}, built from the options.
   *
   * @param options connect timeout, proxy and TLS context
   * @return the transport, which closes its client on {@link #close()}
   */
  public static JdkHttpTransport create(TransportOptions options) {
    Objects.requireNonNull(options, "options");
    ExecutorService workers = Workers.create();
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(workers)
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    options.proxy().ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
    options.sslContext().ifPresent(builder::sslContext);
    if (options.maxConnections() != TransportOptions.DEFAULT_MAX_CONNECTIONS) {
      LOG.log(
          Level.DEBUG,
          "maxConnections={0} is not honoured: the JDK HttpClient has no per-client pool limit",
          options.maxConnections());
    }
    return new JdkHttpTransport(builder.build(), workers);
  }

  /**
   * Creates a transport on a client the caller already has; the transport does not close it.
   * Redirects should be off, as they are by default.
   *
   * @param client the client to send with
   * @return the transport
   */
  public static JdkHttpTransport create(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"), null);
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws IOException, InterruptedException {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      throw new HttpTransportException(
          HttpTransportException.Kind.IO, "the jdk transport is closed", null);
    }
    return Exchanges.execute(client, request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new HttpTransportException(
              HttpTransportException.Kind.IO, "the jdk transport is closed", null));
    }
    return Exchanges.send(client, request);
  }

  @Override
  public String name() {
    return JdkTransportProvider.NAME;
  }

  /** {@return the client this transport sends with} */
  public HttpClient httpClient() {
    return client;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && workers != null) {
      // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once the client
      // is unreachable, and its workers end with the executor, here.
      Object maybeCloseable = client;
      if (maybeCloseable instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "Closing the HttpClient failed", e);
        }
      }
      workers.shutdown();
    }
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{owned=" + (workers != null) + ", closed=" + closed.get() + '}';
  }
}
