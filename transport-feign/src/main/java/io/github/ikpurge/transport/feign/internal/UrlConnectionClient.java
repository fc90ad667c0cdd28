package io.github.ikpurge.transport.feign.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Feign's default client on {@link HttpURLConnection}, set up so that the transport can keep its
 * contract: the connection is handed to the exchange so it can be aborted, headers come back in the
 * order received, and server authentication challenges are not answered.
 */
final class UrlConnectionClient extends Client.Default {

  private final Proxy proxy;

  /**
   * Creates the client.
   *
   * @param sslSocketFactory the TLS socket factory, or null for the JDK's default
   * @param proxy the HTTP proxy, or null for the JVM's proxy settings
   */
  UrlConnectionClient(SSLSocketFactory sslSocketFactory, Proxy proxy) {
    // Streaming mode (Feign's default), so a body goes out with a fixed length: when buffering,
    // HttpURLConnection silently sends a POST again if the connection drops before the response,
    // and a purge spends quota. Streaming costs the body of a 401 or 407 answering a request with a
    // body (the status still comes back). Client.Proxied streams too, but the proxy is applied in
    // getConnection, which this class overrides anyway.
    super(sslSocketFactory, null);
    this.proxy = proxy;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Response response;
    try {
      response = super.execute(withoutGetBody(request), options);
    } catch (IOException e) {
      discard();
      throw resentByHttpUrlConnection(request, e) ? sentTwice(e) : e;
    } catch (StackOverflowError e) {
      // HttpURLConnection reads each 100 Continue by calling itself again: an endless run of them
      // overflows the stack. The connection is left mid-response, so it goes.
      discard();
      throw new HttpTransportException(
          Kind.PROTOCOL, "an endless run of interim 100 Continue responses", null);
    }
    Exchange exchange = Exchange.current();
    HttpURLConnection connection = exchange == null ? null : exchange.connection();
    if (connection == null) {
      return response;
    }
    // getHeaderFields() lists the values of a repeated header in reverse; index order is the
    // wire's.
    Map<String, Collection<String>> headers = headersInWireOrder(connection);
    if (headers == null) {
      // Disconnected first: closing the body would put the connection back in the keep-alive cache.
      connection.disconnect();
      response.close();
      throw new HttpTransportException(
          Kind.PROTOCOL, "a header line without a colon, or a header section cut short", null);
    }
    return response.toBuilder().headers(headers).build();
  }

  /**
   * Returns whether HttpURLConnection sent this request a second time by itself before failing: it
   * does so once, on a new connection, for any request it does not stream (every GET here), when
   * reading the response head fails with anything but a read timeout (a reset, an early end of
   * stream, a header section over {@code jdk.http.maxHeaderSize}). No setting turns that off for a
   * GET; the client counts both sends as attempts. A POST is streamed and never re-sent.
   */
  static boolean resentByHttpUrlConnection(Request request, IOException failure) {
    if (request.httpMethod() != Request.HttpMethod.GET
        || failure instanceof SocketTimeoutException
        || failure instanceof HttpTransportException) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SSLException) {
        return false;
      }
    }
    // Feign's own word for a status line HttpURLConnection could not read, which it does not retry.
    return failure.getMessage() == null || !failure.getMessage().startsWith("Invalid status(");
  }

  /** The failure of a request HttpURLConnection sent twice, counted as two sends. */
  static HttpTransportException sentTwice(IOException failure) {
    return new HttpTransportException(
        Failures.classify(failure, false).kind(), String.valueOf(failure.getMessage()), failure, 2);
  }

  private static void discard() {
    Exchange exchange = Exchange.current();
    if (exchange != null) {
      exchange.discardConnection();
    }
  }

  @Override
  public HttpURLConnection getConnection(URL url) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    connection.setAuthenticator(ProxyOnlyAuthenticator.INSTANCE);
    Exchange exchange = Exchange.current();
    if (exchange != null) {
      exchange.attachConnection(connection);
    }
    return connection;
  }

  /** HttpURLConnection silently turns a GET with a body into a POST; never let it. */
  private static Request withoutGetBody(Request request) throws HttpTransportException {
    byte[] body = request.body();
    if (request.httpMethod() != Request.HttpMethod.GET || body == null) {
      return request;
    }
    if (body.length > 0) {
      // Our refusal, not the server's protocol error: nothing was sent.
      throw new HttpTransportException(
          Kind.IO, "HttpURLConnection cannot send a GET with a body", null);
    }
    return Request.create(request.httpMethod(), request.url(), request.headers(), null, null, null);
  }

  /** Returns the headers in the wire's order, or null when a line after the status had no name. */
  private static Map<String, Collection<String>> headersInWireOrder(HttpURLConnection connection) {
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    for (int i = 0; ; i++) {
      String value = connection.getHeaderField(i);
      if (value == null) {
        return headers;
      }
      String name = connection.getHeaderFieldKey(i);
      if (name != null) {
        headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      } else if (i > 0) {
        // The status line is the only line without a name: HttpURLConnection keeps a header
        // line without a colon (or the start of one cut off by the end of the stream) this way.
        return null;
      }
    }
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
