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
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Blocking exchanges on {@link HttpURLConnection}, which lives in {@code java.base}: no selector
 * thread, no client to build, so a transport that only blocks starts fast. Settings come from the
 * options: connect timeout, HTTP proxy, TLS context (as the socket factory of each HTTPS
 * connection; the JVM's default context without one, never HttpsURLConnection's JVM-wide defaults)
 * and user agent. Connections are kept in the JVM's one keep-alive cache, which no API sizes or
 * empties per transport ({@code http.maxConnections} per destination). Thread-safe.
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

  /** Made at the first HTTPS connection without a TLS context of the options'. */
  private volatile SSLSocketFactory defaultSockets;

  /**
   * Creates the engine.
   *
   * @param options connect timeout, proxy, TLS context and user agent
   */
  public UrlConnectionEngine(TransportOptions options) {
    this.connectTimeout = options.connectTimeout();
    this.proxy = options.proxy().map(address -> new Proxy(Proxy.Type.HTTP, address)).orElse(null);
    this.sslSocketFactory =
        options
            .sslContext()
            .map(
                context ->
                    (SSLSocketFactory) new IdentifyingSocketFactory(context.getSocketFactory()))
            .orElse(null);
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
    if (connection instanceof HttpsURLConnection https) {
      // Never the JVM-wide HttpsURLConnection defaults: the options' TLS context or the JVM's
      // default one, as the HttpClient engine uses, and the server's name always checked.
      https.setSSLSocketFactory(sslSocketFactory != null ? sslSocketFactory : defaultSockets());
    }
    return connection;
  }

  /**
   * The JVM's default TLS context's sockets, made at the first HTTPS connection: a transport used
   * over http only never sets TLS up.
   */
  private SSLSocketFactory defaultSockets() throws IOException {
    SSLSocketFactory sockets = defaultSockets;
    if (sockets == null) {
      try {
        sockets = new IdentifyingSocketFactory(SSLContext.getDefault().getSocketFactory());
      } catch (NoSuchAlgorithmException e) {
        throw new SSLException(
            "the JVM's default TLS context cannot be made: " + e.getMessage(), e);
      }
      defaultSockets = sockets;
    }
    return sockets;
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
