package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.transport.jdk.internal.Exchanges;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transport on the JDK's {@link HttpClient}. Asynchronous calls use {@code sendAsync}, so no
 * thread is parked per call; a blocking call waits on the same path. The time limit of a request
 * covers the whole exchange, body included. Thread-safe.
 *
 * <p>{@link TransportOptions#maxConnections()} is not honoured: the JDK client has no per-client
 * pool limit (only the global {@code jdk.httpclient.connectionPoolSize} property).
 */
public final class JdkHttpTransport implements HttpTransport {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");

  private final HttpClient client;
  private final boolean owned;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdkHttpTransport(HttpClient client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /**
   * Creates a transport with its own {@link HttpClient}, built from the options.
   *
   * @param options connect timeout, proxy and TLS context
   * @return the transport, which closes its client on {@link #close()}
   */
  public static JdkHttpTransport create(TransportOptions options) {
    Objects.requireNonNull(options, "options");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
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
    return new JdkHttpTransport(builder.build(), true);
  }

  /**
   * Creates a transport on a client the caller already has; the transport does not close it.
   * Redirects should be off, as they are by default.
   *
   * @param client the client to send with
   * @return the transport
   */
  public static JdkHttpTransport create(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"), false);
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws IOException, InterruptedException {
    CompletableFuture<TransportResponse> exchange = executeAsync(request);
    try {
      return exchange.get();
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    } catch (CancellationException e) {
      throw new HttpTransportException(HttpTransportException.Kind.IO, "cancelled", e);
    }
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

  /** Returns the client this transport sends with. */
  public HttpClient httpClient() {
    return client;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && owned) {
      // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end once it is unreachable.
      Object maybeCloseable = client;
      if (maybeCloseable instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.log(Level.DEBUG, "Closing the HttpClient failed", e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{owned=" + owned + ", closed=" + closed.get() + '}';
  }

  private static IOException rethrowable(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    return new HttpTransportException(HttpTransportException.Kind.IO, String.valueOf(cause), cause);
  }
}
