package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Blocking exchanges on {@link HttpURLConnection}, which lives in {@code java.base}: no selector
 * thread, no client to build, so a transport that only blocks starts fast. Settings come from the
 * options: connect timeout, HTTP proxy, TLS context (as the socket factory of each HTTPS
 * connection) and user agent. Connections are kept in the JVM's one keep-alive cache, which no API
 * sizes or empties per transport ({@code http.maxConnections} per destination). Thread-safe.
 */
public final class UrlConnectionEngine {

  /**
   * Runs the aborts of every such engine: a daemon thread per exchange being aborted, until that
   * exchange has ended, then idle for 10 s. A thread of its own, as disconnecting a connection
   * whose body is being read waits for the read in progress, and the client's timer must not.
   */
  static final ExecutorService ABORTS =
      new ThreadPoolExecutor(
          0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons());

  private final Duration connectTimeout;
  private final Proxy proxy;
  private final SSLSocketFactory sslSocketFactory;
  private final String userAgent;

  /**
   * Creates the engine.
   *
   * @param options connect timeout, proxy, TLS context and user agent
   */
  public UrlConnectionEngine(TransportOptions options) {
    this.connectTimeout = options.connectTimeout();
    this.proxy = options.proxy().map(address -> new Proxy(Proxy.Type.HTTP, address)).orElse(null);
    this.sslSocketFactory = options.sslContext().map(SSLContext::getSocketFactory).orElse(null);
    this.userAgent = options.userAgent().orElse(null);
    HttpClientLog.warnIfHeadersLogged(true);
  }

  /**
   * Prepares one blocking exchange; nothing is sent until its {@code call()}.
   *
   * @param request the request
   * @return the exchange
   */
  public HttpTransport.Exchange prepare(TransportRequest request) {
    return new UrlConnectionExchange(this, request);
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  String userAgent() {
    return userAgent;
  }

  /** Opens (but does not connect) a connection set up so the transport keeps its contract. */
  HttpURLConnection open(URL url) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    // A redirect would carry the private key to whatever host it names; answer none.
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setAuthenticator(ProxyOnlyAuthenticator.INSTANCE);
    if (sslSocketFactory != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sslSocketFactory);
    }
    return connection;
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "ikpurge-jdk-abort-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "UrlConnectionEngine{proxy=" + (proxy == null ? "the JVM's" : proxy) + '}';
  }

  /**
   * Answers proxy challenges as the JVM's default authenticator would, and no server challenge: the
   * server's 401 must reach the caller as it is, not be retried with other credentials.
   */
  private static final class ProxyOnlyAuthenticator extends Authenticator {

    static final ProxyOnlyAuthenticator INSTANCE = new ProxyOnlyAuthenticator();

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      Authenticator global = Authenticator.getDefault();
      if (getRequestorType() != RequestorType.PROXY || global == null || global == this) {
        return null;
      }
      return global.requestPasswordAuthenticationInstance(
          getRequestingHost(),
          getRequestingSite(),
          getRequestingPort(),
          getRequestingProtocol(),
          getRequestingPrompt(),
          getRequestingScheme(),
          getRequestingURL(),
          getRequestorType());
    }
  }
}
