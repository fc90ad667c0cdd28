package io.github.ikpurge.transport.jdk;

import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.ProxyRoutes;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.transport.jdk.internal.Exchanges;
import io.github.ikpurge.transport.jdk.internal.HttpClientLog;
import io.github.ikpurge.transport.jdk.internal.InFlight;
import io.github.ikpurge.transport.jdk.internal.SelectorThreads;
import io.github.ikpurge.transport.jdk.internal.UrlConnectionEngine;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A transport on the JDK. Asynchronous calls use {@link HttpClient#sendAsync}, so no thread is
 * parked per call. Blocking calls run on the caller's thread, on one of two {@link Engine engines}:
 * {@link java.net.HttpURLConnection} by default (in {@code java.base}, fast to start), or {@link
 * HttpClient#send}. A transport built from options builds its HttpClient at the first call that
 * needs it, so one used only for blocking calls on HttpURLConnection loads no {@code java.net.http}
 * class and starts no selector thread. It keeps no time: the client aborts an exchange at its
 * deadline, by disconnecting the HttpURLConnection, by interrupting {@code send} (its only way out)
 * and failing a body being read, or by cancelling the {@code sendAsync} future. Thread-safe.
 *
 * <p>Blocking calls on HttpURLConnection stream every request body with a fixed length (buffered,
 * HttpURLConnection sends a POST again by itself when the connection drops), follow no redirect and
 * answer no server authentication challenge. They keep connections in the JVM's one keep-alive
 * cache, which {@link #close()} cannot empty; a read already blocked in a body may end only at the
 * socket read timeout, the request's time limit; the body of a 401 or 407 answering a request with
 * a body is lost; on Java 17 a 1xx other than 100 is refused (see {@code docs/transports.md}).
 *
 * <p>On machines with fewer than three cores, {@code sendAsync} completes each response on a new
 * short-lived thread of CompletableFuture's default executor: the JDK client does so whatever
 * executor it is given. Blocking calls are not affected.
 *
 * <p>{@link TransportOptions#maxConnections()} is not honoured: the JDK client has no per-client
 * pool limit (only the global {@code jdk.httpclient.connectionPoolSize} property), and
 * HttpURLConnection keeps one JVM-wide keep-alive cache ({@code http.maxConnections}).
 *
 * <p>A transport built from options gives its client its own pool of daemon worker threads, twice
 * the number of processors (at least four; a FIFO fork-join pool, which hands work over faster than
 * a queue its idle workers sleep on), instead of the JDK's unbounded cached pool: the work they do
 * never blocks, so their number need not grow with the calls in flight. Futures complete on them;
 * code chained on a future must not block, or must run on an executor of its own ({@code
 * thenApplyAsync(fn, executor)}). {@link #close()} shuts the pool down.
 *
 * <p>The JDK client keeps a connection open, with its parse buffers, after a response whose status
 * line or header section it could not parse (or over its own {@code jdk.http.maxHeaderSize}). A
 * transport built from options then sends with a new client and shuts the old one down, which
 * closes that connection once its other exchanges end: on Java 21 and later, a hostile server
 * cannot make memory grow with the calls made. Java 17's client has no shutdown, and such a
 * connection stays open for the life of the JVM (see {@code docs/errors.md}).
 */
public final class JdkHttpTransport implements HttpTransport {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");

  /** Numbers the worker pools of transports built from options, for their threads' names. */
  private static final AtomicInteger POOLS = new AtomicInteger();

  /** The engine of blocking calls; null when they run on the HttpClient. */
  private final UrlConnectionEngine urlConnection;

  /** The options a client of the transport's own is built from; null for a caller's client. */
  private final TransportOptions options;

  private final InFlight inFlight = new InFlight(this::release);

  // A caller's client from the start; the transport's own is built, under the lock, at the first
  // call that needs it, and replaced when the JDK left a connection open (retireIfLeftOpen).
  private volatile HttpClient client;

  // Guarded by this; both stay null until the transport's own client is built.
  private ExecutorService workers;
  private HttpClient.Builder builder;

  private JdkHttpTransport(
      HttpClient client, TransportOptions options, UrlConnectionEngine urlConnection) {
    this.client = client;
    this.options = options;
    this.urlConnection = urlConnection;
  }

  /**
   * The engine that runs a transport's blocking calls. Asynchronous calls always run on {@link
   * HttpClient#sendAsync}, which parks no thread per call.
   */
  public enum Engine {
    /**
     * {@link java.net.HttpURLConnection}, in {@code java.base}: fast to start, and the HttpClient
     * (with its selector thread and TLS context) is built only at the first asynchronous call. The
     * default. HttpURLConnection keeps connections in the JVM's one keep-alive cache, which {@link
     * TransportOptions#maxConnections()} cannot size (see {@code docs/transports.md}).
     */
    URL_CONNECTION,

    /** {@link HttpClient#send}, on the same client as the asynchronous calls. */
    HTTP_CLIENT;

    /** The system property {@link JdkTransportProvider} reads the engine from. */
    public static final String PROPERTY = "ikpurge.jdk.engine";

    /**
     * Returns the engine a value of {@link #PROPERTY} names: {@code url-connection} or {@code
     * http-client}, in any case; null or blank for the default.
     *
     * @param value the property's value, or null
     * @return the engine
     * @throws ConfigurationException if the value names no engine
     */
    public static Engine named(String value) {
      if (value == null || value.isBlank()) {
        return URL_CONNECTION;
      }
      switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "url-connection":
          return URL_CONNECTION;
        case "http-client":
          return HTTP_CLIENT;
        default:
          throw new ConfigurationException(
              "the system property "
                  + PROPERTY
                  + "="
                  + value
                  + " names no engine: use url-connection (the default) or http-client");
      }
    }
  }

  /**
   * Creates a transport built from the options, whose blocking calls run on {@link
   * java.net.HttpURLConnection} ({@link Engine#URL_CONNECTION}); see {@link
   * #create(TransportOptions, Engine)}.
   *
   * @param options connect timeout, proxy, TLS context and user agent
   * @return the transport
   */
  public static JdkHttpTransport create(TransportOptions options) {
    return create(options, Engine.URL_CONNECTION);
  }

  /**
   * Creates a transport built from the options, whose blocking calls run on the given engine.
   * Asynchronous calls run on an {@link HttpClient} of the transport's own, built at the first call
   * that needs it (the first asynchronous one, with {@link Engine#URL_CONNECTION}): a transport
   * used only for blocking calls on HttpURLConnection loads no {@code java.net.http} class and
   * starts no selector thread. {@link #close()} closes that client.
   *
   * @param options connect timeout, proxy, TLS context and user agent
   * @param engine the engine of blocking calls
   * @return the transport
   */
  public static JdkHttpTransport create(TransportOptions options, Engine engine) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(engine, "engine");
    if (options.maxConnections() != TransportOptions.DEFAULT_MAX_CONNECTIONS) {
      LOG.log(
          Level.DEBUG,
          engine == Engine.URL_CONNECTION
              ? "maxConnections={0} is not honoured: HttpURLConnection keeps a JVM-wide keep-alive"
                  + " cache (system property http.maxConnections), the JDK HttpClient has no"
                  + " per-client pool limit"
              : "maxConnections={0} is not honoured: the JDK HttpClient has no per-client pool"
                  + " limit",
          options.maxConnections());
    }
    if (engine == Engine.URL_CONNECTION) {
      return new JdkHttpTransport(null, options, new UrlConnectionEngine(options));
    }
    HttpClientLog.warnIfHeadersLogged();
    return new JdkHttpTransport(null, options, null);
  }

  /**
   * Creates a transport on a client the caller already has; the transport does not close it. The
   * client must not follow redirects, as by default: the JDK would copy the private key onto a
   * request to another host. Unlike a transport built from options, it cannot replace the client
   * when the JDK leaves a connection open after a response it could not parse (see {@link
   * JdkHttpTransport}).
   *
   * @param client the client to send with
   * @return the transport
   * @throws ConfigurationException if the client follows redirects
   */
  public static JdkHttpTransport create(HttpClient client) {
    Objects.requireNonNull(client, "client");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      // The redirect policy is the client's alone, and the JDK copies every header, the
      // private key's Authorization included, onto a request to wherever a Location points.
      throw new ConfigurationException(
          "the HttpClient follows redirects (followRedirects is "
              + client.followRedirects()
              + "), and would send the private key to whatever host a redirect names: build it"
              + " with followRedirects(HttpClient.Redirect.NEVER), the JDK's default");
    }
    HttpClientLog.warnIfHeadersLogged();
    return new JdkHttpTransport(client, null, null);
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws IOException, InterruptedException {
    return prepare(request).call();
  }

  @Override
  public Exchange prepare(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (urlConnection != null) {
      Exchange exchange = urlConnection.prepare(request);
      return new Exchange() {
        @Override
        public TransportResponse call() throws IOException, InterruptedException {
          if (!inFlight.enter()) {
            throw closedFailure();
          }
          try {
            return exchange.call();
          } finally {
            inFlight.exit(false);
          }
        }

        @Override
        public void abort() {
          exchange.abort();
        }
      };
    }
    Exchanges.Blocking exchange = new Exchanges.Blocking(request);
    return new Exchange() {
      @Override
      public TransportResponse call() throws IOException, InterruptedException {
        return send(exchange);
      }

      @Override
      public void abort() {
        exchange.abort();
      }
    };
  }

  private TransportResponse send(Exchanges.Blocking exchange)
      throws IOException, InterruptedException {
    if (!inFlight.enter()) {
      throw closedFailure();
    }
    HttpClient current = null;
    try {
      // Inside the try: building the client can fail, and the call must leave InFlight anyway.
      current = client();
      return exchange.send(current);
    } catch (HttpTransportException e) {
      if (refusedByRetiredClient(current, e)) {
        return exchange.send(client);
      }
      retireIfLeftOpen(current, e);
      throw e;
    } finally {
      inFlight.exit(false);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (!inFlight.enter()) {
      return CompletableFuture.failedFuture(closedFailure());
    }
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<TransportResponse>> sending = new AtomicReference<>();
    try {
      send(client(), request, result, sending, true);
    } catch (RuntimeException | Error e) {
      inFlight.exit(false);
      throw e;
    }
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            sending.get().cancel(true);
          }
          // On a thread of the client's own pool, which the release shuts down.
          inFlight.exit(true);
        });
    return result;
  }

  /**
   * Sends on a client and completes {@code result} with the outcome. The client is replaced before
   * the caller hears of a failure that calls for it, so that a retry goes out on the new one; a
   * request a just-retired client refused unsent goes out once on the new one.
   */
  private void send(
      HttpClient used,
      TransportRequest request,
      CompletableFuture<TransportResponse> result,
      AtomicReference<CompletableFuture<TransportResponse>> inFlight,
      boolean firstTry) {
    CompletableFuture<TransportResponse> sent = Exchanges.send(used, request);
    inFlight.set(sent);
    if (result.isCancelled()) {
      sent.cancel(true);
    }
    sent.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
            return;
          }
          if (failure instanceof HttpTransportException known) {
            if (firstTry && refusedByRetiredClient(used, known)) {
              send(client, request, result, inFlight, false);
              return;
            }
            retireIfLeftOpen(used, known);
          }
          result.completeExceptionally(failure);
        });
  }

  /**
   * Replaces the client when the JDK kept open the connection of a response it failed to parse
   * (Http1Response's header reader completes the exchange with the error and never closes the
   * connection): the connection, and the parser's buffers, would stay for the client's life. On
   * Java 21 and later the old client ends its exchanges in flight and then closes its connections
   * ({@code HttpClient.shutdown()}). Java 17 has no shutdown: once the old client is collected its
   * selector thread ends, but it leaves that connection open.
   */
  private void retireIfLeftOpen(HttpClient failed, HttpTransportException failure) {
    if (options == null || inFlight.isClosed() || !Exchanges.leftConnectionOpen(failure)) {
      return;
    }
    synchronized (this) {
      if (client != failed) {
        return;
      }
      client = builder.build();
    }
    LOG.log(
        Level.DEBUG,
        "Replaced the HttpClient: it kept the connection of an unreadable response open ({0})",
        failure.getMessage());
    shutDown(failed);
  }

  /**
   * Returns the client to send with, building the transport's own at the first call: the JDK's
   * HttpClient classes load, and its selector thread starts, only then. Called only by an exchange
   * that {@link InFlight#enter() entered}, so that a client is never built after the release.
   */
  private HttpClient client() {
    HttpClient current = client;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (client == null) {
        workers = workerPool();
        HttpClient.Builder built =
            HttpClient.newBuilder()
                .executor(workers)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        options.proxy().ifPresent(proxy -> built.proxy(ProxySelector.of(proxy)));
        options.sslContext().ifPresent(built::sslContext);
        builder = built;
        client = built.build();
      }
      return client;
    }
  }

  /**
   * Returns whether a request was refused unsent because another call retired the client it read (a
   * shut-down client fails a new exchange at once with "closed"); it is then sent on the new one.
   */
  private boolean refusedByRetiredClient(HttpClient used, HttpTransportException failure) {
    return used != client
        && failure.getCause() instanceof IOException refusal
        && "closed".equals(refusal.getMessage());
  }

  private static void shutDown(HttpClient retired) {
    try {
      HttpClient.class.getMethod("shutdown").invoke(retired);
    } catch (NoSuchMethodException e) {
      // Java 17 has no shutdown (see retireIfLeftOpen).
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.DEBUG, "Shutting a replaced HttpClient down failed", e);
    }
  }

  @Override
  public String name() {
    return JdkTransportProvider.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks the client's proxy selector, or the JVM's default one, which the JDK client and
   * HttpURLConnection route by when given none; for a transport built from options, the proxy of
   * the options, without building the client.
   */
  @Override
  public boolean connectsDirectly(URI target) {
    if (options != null) {
      return ProxyRoutes.direct(
          options.proxy().map(ProxySelector::of).orElseGet(ProxySelector::getDefault), target);
    }
    return ProxyRoutes.direct(client.proxy().orElseGet(ProxySelector::getDefault), target);
  }

  /**
   * Returns the client this transport sends asynchronous calls with (and blocking ones, on {@link
   * Engine#HTTP_CLIENT}), building the transport's own if no call has yet (once the transport is
   * closed, a client built here is not closed by it).
   *
   * @return the client
   */
  public HttpClient httpClient() {
    return client();
  }

  /** {@return the engine of this transport's blocking calls} */
  public Engine engine() {
    return urlConnection != null ? Engine.URL_CONNECTION : Engine.HTTP_CLIENT;
  }

  /**
   * Refuses new exchanges at once; once the exchanges in flight have ended (at once if there are
   * none), a transport built from options closes its client, with its connections and selector
   * thread, and shuts its worker pool down. Java 21 and later close the client; Java 17 to 20 have
   * no close, and the transport ends the client's selector thread, which on its way out closes the
   * idle connections of its pool. A client the caller passed in is left as it is. Calling it again
   * has no effect.
   */
  @Override
  public void close() {
    inFlight.close();
  }

  /** Runs once, when the transport is closed and no exchange is in flight. */
  private void release() {
    HttpClient current;
    ExecutorService pool;
    synchronized (this) {
      // Null when the client is the caller's, or was never built.
      pool = workers;
      current = client;
    }
    if (pool == null) {
      return;
    }
    Object maybeCloseable = current;
    if (maybeCloseable instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "Closing the HttpClient failed", e);
      }
    } else {
      SelectorThreads.stop(current);
    }
    pool.shutdown();
  }

  /**
   * Returns a pool of daemon threads for a client, twice the processors and at least four. A
   * fork-join pool in FIFO mode hands tasks over with less latency than a queue its idle workers
   * park on.
   */
  private static ExecutorService workerPool() {
    int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return new ForkJoinPool(
        size,
        forkJoinPool -> {
          ForkJoinWorkerThread thread =
              ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
          thread.setName("ikpurge-jdk-" + pool + "-worker-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        null,
        true);
  }

  private static HttpTransportException closedFailure() {
    return new HttpTransportException(
        HttpTransportException.Kind.IO, "the jdk transport is closed", null);
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{owned="
        + (options != null)
        + ", engine="
        + engine()
        + ", closed="
        + inFlight.isClosed()
        + '}';
  }
}
