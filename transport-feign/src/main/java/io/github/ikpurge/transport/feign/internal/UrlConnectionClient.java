package io.github.ikpurge.transport.feign.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
    Response response = super.execute(withoutGetBody(request), options);
    Exchange exchange = Exchange.current();
    HttpURLConnection connection = exchange == null ? null : exchange.connection();
    if (connection == null) {
      return response;
    }
    // getHeaderFields() lists the values of a repeated header in reverse; index order is the
    // wire's.
    return response.toBuilder().headers(headersInWireOrder(connection)).build();
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
  private static Request withoutGetBody(Request request) throws ProtocolException {
    byte[] body = request.body();
    if (request.httpMethod() != Request.HttpMethod.GET || body == null) {
      return request;
    }
    if (body.length > 0) {
      throw new ProtocolException("HttpURLConnection cannot send a GET with a body");
    }
    return Request.create(request.httpMethod(), request.url(), request.headers(), null, null, null);
  }

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
