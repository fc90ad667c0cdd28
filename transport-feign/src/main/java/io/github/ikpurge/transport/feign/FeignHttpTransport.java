package io.github.ikpurge.transport.feign;

import feign.AsyncClient;
import feign.Client;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.ProxyRoutes;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.transport.feign.internal.FeignExchanges;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport on OpenFeign: Feign's default client on {@link java.net.HttpURLConnection} (which
 * also serves runtimes without {@code java.net.http}), or any {@link Client} or {@link AsyncClient}
 * the application already uses. Requests go to the client's {@code execute} as built, with per
 * request {@link feign.Request.Options} (connect timeout, read timeout of the request's time limit,
 * redirects off); Feign logs each exchange through SLF4J at {@code BASIC} level, never headers.
 * Thread-safe.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>{@link #execute} runs the exchange on the calling thread.
 *   <li>{@link #executeAsync} with an {@link AsyncClient} (set on the builder, or the given {@link
 *       Client} also implements it) hands the exchange to that client and parks no thread of its
 *       own.
 *   <li>{@link #executeAsync} with a blocking client, Feign's default one included, runs the
 *       exchange on an executor, and that thread is blocked for the whole exchange: one thread per
 *       call in flight. The executor is the one given to a factory, else one this transport
 *       creates: an unbounded cached pool (no queue, no limit) of daemon threads named {@code
 *       ikpurge-feign-exchange-N}, idle ones ending after 60 seconds, shut down by {@link #close()}
 *       (calls in flight finish first). A given executor is never shut down; a call it queues
 *       counts its wait against the time limit.
 *   <li>The transport keeps no time: the client's timer aborts an exchange at its deadline, or when
 *       a blocked caller is interrupted. All Feign transports start a short-lived daemon thread
 *       {@code ikpurge-feign-abort-N} per exchange being aborted, until that exchange has ended:
 *       closing an HttpURLConnection body waits for the read in progress.
 * </ul>
 *
 * <h2>Time limit, cancellation, body limit</h2>
 *
 * <p>The connect and read timeouts passed to the client are no longer than {@link
 * TransportRequest#timeout()}. When the client aborts an exchange (or cancels its future) the
 * {@code HttpURLConnection} is disconnected, which closes a socket still awaiting the response head
 * at once, the response body is closed, an async client's future is cancelled, and an executor
 * thread is interrupted. One case cannot be cut short: a read already blocked inside {@code
 * HttpURLConnection} on a body that has stopped arriving ends only when the socket read timeout
 * fires, which is why that timeout stays. A body longer than {@link
 * TransportRequest#maxResponseBytes()} is refused as soon as its {@code Content-Length}, or the
 * count while reading, passes the limit.
 *
 * <p>Who closes what: the transport closes every {@link feign.Response}; {@link #close()} shuts
 * down only an executor the transport created. A client or executor the application passed in is
 * never closed, even when it is {@link java.io.Closeable}. Feign's default client keeps no
 * connections of its own: HttpURLConnection pools them in one keep-alive cache for the whole JVM,
 * which no API lets a transport empty; idle ones close on the JDK's keep-alive timer (5 seconds, or
 * the server's {@code Keep-Alive: timeout}), {@code http.maxConnections} per destination.
 */
public final class FeignHttpTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger(FeignHttpTransport.class);

  private final FeignExchanges exchanges;
  private final ExecutorService ownedExecutor;
  private final String description;
  private final boolean routedByTheJvm;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FeignHttpTransport(
      FeignExchanges exchanges,
      ExecutorService ownedExecutor,
      String description,
      boolean routedByTheJvm) {
    this.exchanges = exchanges;
    this.ownedExecutor = ownedExecutor;
    this.description = description;
    this.routedByTheJvm = routedByTheJvm;
  }

  /**
   * Creates a transport on Feign's default client, configured from the options: connect timeout,
   * HTTP proxy, TLS context, user agent. {@link TransportOptions#maxConnections()} is ignored:
   * HttpURLConnection keeps one JVM-wide keep-alive cache ({@code http.maxConnections}).
   *
   * @param options the connection settings
   * @return the transport, which creates its own executor for asynchronous calls
   */
  public static FeignHttpTransport create(TransportOptions options) {
    return builder().options(options).build();
  }

  /**
   * Creates a transport on Feign's default client that runs asynchronous calls on the given
   * executor, one task per call, each blocking its thread for the whole exchange.
   *
   * @param options the connection settings
   * @param executor the executor; never shut down by the transport
   * @return the transport
   */
  public static FeignHttpTransport create(TransportOptions options, Executor executor) {
    return builder()
        .options(options)
        .executor(Objects.requireNonNull(executor, "executor"))
        .build();
  }

  /**
   * Creates a transport on a client the application already has; the transport never closes it. Per
   * request it applies the options' connect timeout and, when the request has none, their user
   * agent; proxy, TLS and pool size belong to the client and are ignored. When the client is also
   * an {@link AsyncClient}, asynchronous calls use it; otherwise they run on an executor the
   * transport creates.
   *
   * @param client the client to send with
   * @param options the connection settings
   * @return the transport
   */
  public static FeignHttpTransport create(Client client, TransportOptions options) {
    return builder().client(Objects.requireNonNull(client, "client")).options(options).build();
  }

  /**
   * Creates a transport on a client the application already has, running asynchronous calls on the
   * given executor unless the client is also an {@link AsyncClient}. Neither is closed by the
   * transport.
   *
   * @param client the client to send with
   * @param options the connection settings
   * @param executor the executor for asynchronous calls on a blocking client
   * @return the transport
   */
  public static FeignHttpTransport create(
      Client client, TransportOptions options, Executor executor) {
    return builder()
        .client(Objects.requireNonNull(client, "client"))
        .options(options)
        .executor(Objects.requireNonNull(executor, "executor"))
        .build();
  }

  /** {@return a builder, for an {@link AsyncClient} of its own or other combinations} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws IOException, InterruptedException {
    return prepare(request).call();
  }

  @Override
  public Exchange prepare(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    Exchange exchange = exchanges.prepare(request);
    return new Exchange() {
      @Override
      public TransportResponse call() throws IOException, InterruptedException {
        if (closed.get()) {
          throw closedFailure();
        }
        return exchange.call();
      }

      @Override
      public void abort() {
        exchange.abort();
      }
    };
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      return CompletableFuture.failedFuture(closedFailure());
    }
    return exchanges.executeAsync(request);
  }

  @Override
  public String name() {
    return FeignTransportProvider.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>True when the transport sends with Feign's default client and no proxy of the options, and
   * the JVM's {@link ProxySelector} sends the request straight on ({@code HttpURLConnection} routes
   * by it; its default leaves loopback hosts direct, {@code http.nonProxyHosts}); false for any
   * other client, whose routing the transport cannot see.
   */
  @Override
  public boolean connectsDirectly(URI target) {
    return routedByTheJvm && ProxyRoutes.direct(ProxySelector.getDefault(), target);
  }

  /**
   * Shuts down the executor this transport created, if any; calls in flight finish first. Calling
   * it again has no effect.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  @Override
  public String toString() {
    return "FeignHttpTransport{" + description + ", closed=" + closed.get() + '}';
  }

  private static HttpTransportException closedFailure() {
    return new HttpTransportException(
        HttpTransportException.Kind.IO, "the feign transport is closed", null);
  }

  /**
   * Builds a {@link FeignHttpTransport}. With no client, Feign's default client is made from the
   * options; with no async client, a client that implements {@link AsyncClient} serves asynchronous
   * calls; with neither, they run on the executor, else on one the transport creates. Not
   * thread-safe.
   */
  public static final class Builder {

    private TransportOptions options = TransportOptions.defaults();
    private Client client;
    private AsyncClient<?> asyncClient;
    private Executor executor;

    private Builder() {}

    /**
     * Sets the connection settings; the defaults otherwise.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(TransportOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the blocking client, which the transport never closes; null for Feign's default.
     *
     * @param client the client, or null
     * @return this builder
     */
    public Builder client(Client client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the client for asynchronous calls, which the transport never closes. Without a blocking
     * client, blocking calls wait on it too.
     *
     * @param asyncClient the client, or null
     * @return this builder
     */
    public Builder asyncClient(AsyncClient<?> asyncClient) {
      this.asyncClient = asyncClient;
      return this;
    }

    /**
     * Sets the executor that runs asynchronous calls on a blocking client; the transport never
     * shuts it down. Unused when there is an async client.
     *
     * @param executor the executor, or null for one the transport creates
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** {@return the transport} */
    public FeignHttpTransport build() {
      Client blocking = client;
      AsyncClient<?> async = asyncClient;
      boolean routedByTheJvm =
          async == null
              && (blocking == null
                  ? options.proxy().isEmpty()
                  : blocking.getClass() == Client.Default.class);
      if (blocking == null && async == null) {
        blocking = FeignExchanges.defaultClient(options);
        LOG.debug(
            "maxConnections={} is ignored: HttpURLConnection keeps a JVM-wide keep-alive cache"
                + " (system property http.maxConnections)",
            options.maxConnections());
      } else {
        logIgnoredForUserClient();
      }
      if (async == null && blocking instanceof AsyncClient<?> both) {
        async = both;
      }
      ExecutorService owned = null;
      Executor runner = executor;
      if (async == null && runner == null) {
        owned = FeignExchanges.newExecutor();
        runner = owned;
      }
      String description =
          "client="
              + (client == null
                  ? (asyncClient == null ? "feign.Client.Default" : "none")
                  : name(client))
              + ", async="
              + (async != null
                  ? "asyncClient " + name(async)
                  : owned != null
                      ? "own executor (unbounded, one thread per call in flight)"
                      : "given executor (one task per call in flight)");
      return new FeignHttpTransport(
          new FeignExchanges(blocking, async, runner, options), owned, description, routedByTheJvm);
    }

    private void logIgnoredForUserClient() {
      if (options.proxy().isPresent()
          || options.sslContext().isPresent()
          || options.maxConnections() != TransportOptions.DEFAULT_MAX_CONNECTIONS) {
        LOG.debug(
            "proxy, sslContext and maxConnections of {} are ignored: they belong to the Feign client"
                + " that was passed in",
            options);
      }
    }

    private static String name(Object client) {
      return client.getClass().getName();
    }
  }
}
