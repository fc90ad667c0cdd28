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
import java.util.function.Supplier;

/**
 * A transport on the JDK's {@link HttpClient}. Asynchronous calls use {@code sendAsync}, so no
 * thread is parked per call; blocking calls use {@code send} on the caller's thread. It keeps no
 * time: the client aborts an exchange at its deadline, by interrupting {@code send} (its only way
 * out) and failing a body being read, or by cancelling the {@code sendAsync} future. Thread-safe.
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

  private final Supplier<HttpClient> clients;
  private final ExecutorService workers;
  private final InFlight inFlight = new InFlight(this::release);
  private volatile HttpClient client;

  private JdkHttpTransport(
      HttpClient client, Supplier<HttpClient> clients, ExecutorService workers) {
    this.client = client;
    this.clients = clients;
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
    ExecutorService workers = workerPool();
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
    HttpClientLog.warnIfHeadersLogged();
    return new JdkHttpTransport(builder.build(), builder::build, workers);
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
    HttpClient current = client;
    try {
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
      send(client, request, result, sending, true);
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
    if (clients == null || inFlight.isClosed() || !Exchanges.leftConnectionOpen(failure)) {
      return;
    }
    synchronized (this) {
      if (client != failed) {
        return;
      }
      client = clients.get();
    }
    LOG.log(
        Level.DEBUG,
        "Replaced the HttpClient: it kept the connection of an unreadable response open ({0})",
        failure.getMessage());
    shutDown(failed);
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
   * <p>Asks the client's proxy selector, or the JVM's default one, which the JDK client routes by
   * when it was given none.
   */
  @Override
  public boolean connectsDirectly(URI target) {
    return ProxyRoutes.direct(client.proxy().orElseGet(ProxySelector::getDefault), target);
  }

  /** {@return the client this transport sends with} */
  public HttpClient httpClient() {
    return client;
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
    if (workers == null) {
      return;
    }
    HttpClient current = client;
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
    workers.shutdown();
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
    return "JdkHttpTransport{owned=" + (workers != null) + ", closed=" + inFlight.isClosed() + '}';
  }
}
