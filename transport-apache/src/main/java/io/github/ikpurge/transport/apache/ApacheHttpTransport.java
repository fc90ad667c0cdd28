package io.github.ikpurge.transport.apache;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import io.github.ikpurge.transport.apache.internal.ApacheClients;
import io.github.ikpurge.transport.apache.internal.AsyncExchange;
import io.github.ikpurge.transport.apache.internal.ClassicExchange;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport on Apache HttpClient 5. {@link #execute} runs on a pooled classic client, on the
 * caller's thread; {@link #executeAsync} runs on a pooled async client, whose I/O threads move the
 * bytes, so no thread is parked while a call is in flight. It keeps no time: the client aborts an
 * exchange at its deadline (cancelling the request or the future, which discards its connection). A
 * body over the limit is refused and its connection discarded. Redirects are never followed.
 * Thread-safe.
 *
 * <p>Who closes what: a transport from {@link #create(TransportOptions)} builds both clients,
 * starts the async one at once, and closes both on {@link #close()}. A transport from {@link
 * #create(CloseableHttpClient, CloseableHttpAsyncClient)} borrows the caller's clients and never
 * closes them; the caller closes them after the transport.
 *
 * <p>Logging: the transport logs through SLF4J under {@code io.github.ikpurge.transport.apache},
 * never a header value. HttpClient's header log ({@code org.apache.hc.client5.http.headers}) shows
 * the names of the headers sent with {@code <redacted>} values, and the clients this transport
 * builds write no wire log ({@code org.apache.hc.client5.http.wire}), which would copy the {@code
 * Authorization} header and with it the private key.
 */
public final class ApacheHttpTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.ikpurge.transport.apache");

  /** HttpClient's wire log, which the clients this transport builds never write. */
  private static final String WIRE_LOG = "org.apache.hc.client5.http.wire";

  private static final AtomicBoolean WIRE_LOG_WARNED = new AtomicBoolean();

  private final CloseableHttpClient classic;
  private final CloseableHttpAsyncClient async;
  private final PoolingHttpClientConnectionManager classicPool;
  private final PoolingAsyncClientConnectionManager asyncPool;
  private final boolean owned;
  private final boolean direct;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApacheHttpTransport(
      CloseableHttpClient classic,
      CloseableHttpAsyncClient async,
      PoolingHttpClientConnectionManager classicPool,
      PoolingAsyncClientConnectionManager asyncPool,
      boolean owned,
      boolean direct) {
    this.classic = classic;
    this.async = async;
    this.classicPool = classicPool;
    this.asyncPool = asyncPool;
    this.owned = owned;
    this.direct = direct;
  }

  /**
   * Creates a transport with its own classic and async clients, each with a pool of {@link
   * TransportOptions#maxConnections()} connections (in total and per host), the connect timeout,
   * proxy, TLS context and user agent of the options; no redirects, retries, cookies or content
   * decompression. The async client is started here.
   *
   * @param options the connection settings
   * @return the transport, which closes both clients on {@link #close()}
   * @throws NullPointerException if {@code options} is null
   */
  public static ApacheHttpTransport create(TransportOptions options) {
    Objects.requireNonNull(options, "options");
    PoolingHttpClientConnectionManager classicPool = ApacheClients.classicPool(options);
    PoolingAsyncClientConnectionManager asyncPool = ApacheClients.asyncPool(options);
    CloseableHttpClient classic = ApacheClients.classic(options, classicPool);
    CloseableHttpAsyncClient async;
    try {
      async = ApacheClients.async(options, asyncPool);
    } catch (RuntimeException e) {
      classic.close(CloseMode.IMMEDIATE);
      asyncPool.close(CloseMode.IMMEDIATE);
      throw e;
    }
    LOG.debug("Created the apache transport with {}", options);
    return new ApacheHttpTransport(
        classic, async, classicPool, asyncPool, true, options.proxy().isEmpty());
  }

  /**
   * Creates a transport on clients the caller already has; {@link #close()} leaves them open. Both
   * are required, because a transport makes blocking and non-blocking calls, and a default client
   * made up for the missing side would not share the other's proxy, TLS or pool settings. The async
   * client is started if it was not. Every exchange sets its own request configuration (no
   * redirects, no cookies, no decompression, the exchange's time limit); the clients' pools, proxy,
   * TLS, retry and logging settings are used as they are.
   *
   * <p>The clients' own retries never re-send a request: each one carries a body HttpClient will
   * not send twice (a status query an empty one, {@code Content-Length: 0}), so the engine's
   * attempts are what the server sees, whatever retry strategy the clients have. Their route
   * planner cannot be seen, so {@link #connectsDirectly} says false: plain {@code http}, even to a
   * loopback host, needs {@code allowInsecureHttp(true)}.
   *
   * <p>Three things only the clients built by {@link #create(TransportOptions)} have: pool
   * statistics; a wire log that stays off (on the caller's clients, enabling {@code
   * org.apache.hc.client5.http.wire} at debug level logs the private key, and the transport warns
   * once when it is); and, on a cancelled or timed-out async call, a connection closed at once
   * (HttpClient 5.6 alone may keep it busy until the response arrives; the future still ends at
   * once).
   *
   * @param classic the client for {@link #execute}
   * @param async the client for {@link #executeAsync}
   * @return the transport
   * @throws NullPointerException if either client is null
   */
  public static ApacheHttpTransport create(
      CloseableHttpClient classic, CloseableHttpAsyncClient async) {
    Objects.requireNonNull(classic, "classic");
    Objects.requireNonNull(async, "async");
    async.start();
    if (LoggerFactory.getLogger(WIRE_LOG).isDebugEnabled()
        && WIRE_LOG_WARNED.compareAndSet(false, true)) {
      LOG.warn(
          "The logger {} is enabled at debug level: the caller's HttpClient then logs every byte"
              + " it sends, the private key in the Authorization header included. Set it to INFO.",
          WIRE_LOG);
    }
    LOG.debug("Created the apache transport on the caller's clients; close() leaves them open");
    return new ApacheHttpTransport(classic, async, null, null, false, false);
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws HttpTransportException, InterruptedException {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      throw closedError();
    }
    // Not prepare(request).call(), whose Exchange.call() declares any IOException: this method's
    // published signature throws only HttpTransportException.
    return new ClassicExchange(classic, request, !owned).call();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The exchange runs on the calling thread. Aborting it cancels the request: its socket is
   * closed and its connection discarded.
   */
  @Override
  public Exchange prepare(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      HttpTransportException refused = closedError();
      return new Exchange() {
        @Override
        public TransportResponse call() throws HttpTransportException {
          throw refused;
        }

        @Override
        public void abort() {}
      };
    }
    return new ClassicExchange(classic, request, !owned);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The future is completed on a shared pool of reused daemon threads, never on an HttpClient
   * I/O thread. Cancelling it aborts the exchange and discards its connection.
   */
  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      return CompletableFuture.failedFuture(closedError());
    }
    return AsyncExchange.send(async, request, !owned);
  }

  @Override
  public String name() {
    return ApacheTransportProvider.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>True for clients built from options without a proxy (they ignore the JVM's proxy
   * properties); false for the caller's clients, whose route planner cannot be seen.
   */
  @Override
  public boolean connectsDirectly(URI target) {
    return direct;
  }

  /**
   * {@return the connections of the classic client's pool: leased (in use), available (idle),
   * pending (callers waiting for one) and the maximum; empty when the client was the caller's}
   */
  public Optional<PoolUsage> classicPoolUsage() {
    return usageOf(classicPool);
  }

  /**
   * {@return the connections of the async client's pool: leased (in use), available (idle), pending
   * (exchanges waiting for one) and the maximum; empty when the client was the caller's}
   */
  public Optional<PoolUsage> asyncPoolUsage() {
    return usageOf(asyncPool);
  }

  /**
   * Closes both clients, and with them their pools and I/O threads, when this transport built them;
   * leaves the caller's clients open. Exchanges still in flight fail. Calling it again has no
   * effect.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && owned) {
      closeQuietly(async);
      closeQuietly(classic);
    }
  }

  @Override
  public String toString() {
    return "ApacheHttpTransport{owned="
        + owned
        + ", closed="
        + closed.get()
        + classicPoolUsage().map(usage -> ", classicPool=" + usage).orElse("")
        + asyncPoolUsage().map(usage -> ", asyncPool=" + usage).orElse("")
        + '}';
  }

  private static HttpTransportException closedError() {
    return new HttpTransportException(
        HttpTransportException.Kind.IO, "the apache transport is closed", null);
  }

  private static Optional<PoolUsage> usageOf(ConnPoolControl<?> pool) {
    if (pool == null) {
      return Optional.empty();
    }
    PoolStats stats = pool.getTotalStats();
    return Optional.of(
        new PoolUsage(stats.getLeased(), stats.getAvailable(), stats.getPending(), stats.getMax()));
  }

  private static void closeQuietly(ModalCloseable closeable) {
    try {
      closeable.close(CloseMode.GRACEFUL);
    } catch (RuntimeException e) {
      LOG.debug("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }

  /**
   * A snapshot of a connection pool.
   *
   * @param leased connections in use by an exchange
   * @param available open connections waiting in the pool
   * @param pending exchanges waiting for a connection
   * @param max the most connections the pool opens
   */
  public record PoolUsage(int leased, int available, int pending, int max) {}
}
