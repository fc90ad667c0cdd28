package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.spi.TransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the classic and the async client, with their pools, from the transport options: no
 * redirects, retries, cookies or decompression, bounded response heads, and no wire log, which
 * would copy the {@code Authorization} header and with it the private key.
 */
public final class ApacheClients {

  /**
   * How long a pooled connection may sit idle before it is checked before reuse. The check costs a
   * millisecond; a connection the server closed meanwhile would fail the next request.
   */
  private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);

  /**
   * HttpClient has no limit on a whole header section, only on each line and on their number; its
   * default line limit, 8 KiB, is below the client's limit on the section (64 KiB by default),
   * which every exchange checks exactly. A line may take the whole default section here, and 128
   * lines bound what a hostile server can make one response head take to 8 MiB of characters. A
   * response with more lines, or a longer one, is refused as a header section too large.
   */
  private static final Http1Config HEADER_LIMITS =
      Http1Config.custom().setMaxLineLength(64 << 10).setMaxHeaderCount(128).build();

  /**
   * Counts the interim (1xx) responses of each exchange of the classic client, which runs on the
   * caller's thread, and refuses more than {@link Messages#MAX_INTERIM_RESPONSES}, as the async
   * client and the JDK's client do.
   */
  private static final Http1StreamListener INTERIM_RESPONSES =
      new Http1StreamListener() {
        private final ThreadLocal<int[]> count = ThreadLocal.withInitial(() -> new int[1]);

        @Override
        public void onRequestHead(HttpConnection connection, HttpRequest request) {
          count.get()[0] = 0;
        }

        @Override
        public void onResponseHead(HttpConnection connection, HttpResponse response) {
          if (response.getCode() < 200 && ++count.get()[0] > Messages.MAX_INTERIM_RESPONSES) {
            // Unchecked, as the listener's contract wants; the exchange maps it back.
            throw new UncheckedIOException(Messages.tooManyInterimResponses());
          }
        }

        @Override
        public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {}
      };

  private ApacheClients() {}

  /**
   * Builds a classic client with its own pool.
   *
   * @param options the settings
   * @param manager its pool, which the caller keeps to read statistics from
   * @return the client
   */
  public static CloseableHttpClient classic(
      TransportOptions options, PoolingHttpClientConnectionManager manager) {
    return HttpClients.custom()
        .setConnectionManager(manager)
        .setUserAgent(options.userAgent().orElse(null))
        .setProxy(proxyOf(options))
        .setRequestExecutor(
            HttpRequestExecutor.builder().withHttp1StreamListener(INTERIM_RESPONSES).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableContentCompression()
        .disableAuthCaching()
        .build();
  }

  /**
   * Builds the pool of the classic client.
   *
   * @param options the settings
   * @return the pool
   */
  public static PoolingHttpClientConnectionManager classicPool(TransportOptions options) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(options.maxConnections())
        .setMaxConnPerRoute(options.maxConnections())
        .setDefaultConnectionConfig(connectionConfig(options))
        .setTlsSocketStrategy(tlsStrategy(options))
        .setConnectionFactory(new QuietConnectionFactory())
        .build();
  }

  /**
   * Builds the pool of the async client; HTTP/1.1 only, so that one exchange holds one connection
   * and refusing a body discards only that exchange's connection.
   *
   * @param options the settings
   * @return the pool
   */
  public static PoolingAsyncClientConnectionManager asyncPool(TransportOptions options) {
    return PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(options.maxConnections())
        .setMaxConnPerRoute(options.maxConnections())
        .setDefaultConnectionConfig(connectionConfig(options))
        .setDefaultTlsConfig(
            TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
        .setTlsStrategy(tlsStrategy(options))
        .build();
  }

  /**
   * Builds and starts an async client.
   *
   * @param options the settings
   * @param manager its pool
   * @return the started client
   */
  public static CloseableHttpAsyncClient async(
      TransportOptions options, PoolingAsyncClientConnectionManager manager) {
    CloseableHttpAsyncClient client =
        HttpAsyncClients.custom()
            .setConnectionManager(manager)
            .setUserAgent(options.userAgent().orElse(null))
            .setProxy(proxyOf(options))
            .setThreadFactory(new DefaultThreadFactory("ikpurge-apache-io", true))
            .setHttp1Config(HEADER_LIMITS)
            // The default decorator writes the wire log, which would copy the Authorization header.
            .setIoSessionDecorator(session -> session)
            .addExecInterceptorFirst("ikpurge-abort-handle", AsyncExchange.abortHandleInterceptor())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .build();
    client.start();
    return client;
  }

  private static ConnectionConfig connectionConfig(TransportOptions options) {
    return ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(options.connectTimeout()))
        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
        .build();
  }

  private static DefaultClientTlsStrategy tlsStrategy(TransportOptions options) {
    // One strategy serves both clients: it is a TlsSocketStrategy and a TlsStrategy.
    return options
        .sslContext()
        .map(DefaultClientTlsStrategy::new)
        .orElseGet(DefaultClientTlsStrategy::createSystemDefault);
  }

  private static HttpHost proxyOf(TransportOptions options) {
    InetSocketAddress proxy = options.proxy().orElse(null);
    return proxy == null ? null : new HttpHost(proxy.getHostString(), proxy.getPort());
  }

  /**
   * Makes the classic client's connections, as HttpClient's own factory does, except that they
   * never write HttpClient's wire log ({@code org.apache.hc.client5.http.wire}): it copies every
   * byte sent, and the {@code Authorization} header carries the private key. Response bytes are
   * left out too. Responses are read by HttpCore's strict parser, not HttpClient's lenient one,
   * which skips lines it cannot read as a status line and so waits out its time limit on a server
   * that sends garbage.
   */
  private static final class QuietConnectionFactory
      implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
      QuietConnection connection =
          new QuietConnection("ikpurge-outgoing-" + COUNTER.getAndIncrement());
      if (socket != null) {
        connection.bind(socket);
      }
      return connection;
    }

    /** HttpClient's connection, with the defaults of its factory, bound without the wire log. */
    private static final class QuietConnection extends DefaultManagedHttpClientConnection {

      QuietConnection(String id) {
        super(
            id,
            null,
            null,
            HEADER_LIMITS,
            DefaultContentLengthStrategy.INSTANCE,
            DefaultContentLengthStrategy.INSTANCE,
            NoResponseOutOfOrderStrategy.INSTANCE,
            new DefaultHttpRequestWriterFactory(HEADER_LIMITS),
            new DefaultHttpResponseParserFactory(HEADER_LIMITS));
      }

      @Override
      public void bind(Socket socket) throws IOException {
        bind(new SocketHolder(socket));
      }

      @Override
      public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
        bind(new SocketHolder(sslSocket, socket));
      }
    }
  }
}
