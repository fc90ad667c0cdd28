package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blocking exchange on the classic client, run on the caller's thread. {@link #abort()} cancels
 * the request: cancelling closes the socket and discards the connection, so a blocked read ends at
 * once (an interrupt would not reach it).
 */
public final class ClassicExchange implements HttpTransport.Exchange {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.ikpurge.transport.apache");

  private final CloseableHttpClient client;
  private final TransportRequest request;
  private final HttpUriRequestBase http;
  private volatile boolean aborted;

  /**
   * Prepares an exchange; nothing is sent before {@link #call()}.
   *
   * @param client the classic client
   * @param request the request
   * @param sendOnce whether the client may retry by itself, so that the request must be one it
   *     cannot send twice
   */
  public ClassicExchange(CloseableHttpClient client, TransportRequest request, boolean sendOnce) {
    this.client = client;
    this.request = request;
    this.http = Messages.classicRequest(request, sendOnce);
  }

  @Override
  public TransportResponse call() throws HttpTransportException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before " + request.method() + " was sent");
    }
    try {
      ClassicHttpResponse response = client.executeOpen(null, http, HttpClientContext.create());
      try {
        return read(response);
      } catch (IOException | RuntimeException e) {
        // Before closing the response, which would drain a refused body into a pooled connection.
        http.cancel();
        throw e;
      } finally {
        closeQuietly(response);
      }
    } catch (IOException | RuntimeException e) {
      // Whatever broke, the connection must not go back to the pool with unread bytes.
      http.cancel();
      throw failure(e);
    }
  }

  /** Cancels the request: closes its socket and discards its connection. */
  @Override
  public void abort() {
    aborted = true;
    http.cancel();
  }

  private TransportResponse read(ClassicHttpResponse response) throws IOException {
    Headers headers = Messages.headersOf(response.getHeaders());
    request.checkResponseHead(headers);
    int maxBytes = request.maxResponseBytes();
    HttpEntity entity = response.getEntity();
    byte[] body = null;
    if (entity != null) {
      long declared = entity.getContentLength();
      if (declared > maxBytes) {
        throw tooLarge(maxBytes);
      }
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(declared >= 0 ? (int) declared : Math.min(maxBytes, 8192));
      byte[] chunk = new byte[8192];
      try (InputStream in = entity.getContent()) {
        int read;
        while ((read = in.read(chunk)) != -1) {
          if (out.size() + read > maxBytes) {
            throw tooLarge(maxBytes);
          }
          out.write(chunk, 0, read);
        }
      }
      body = out.toByteArray();
    }
    return TransportResponse.of(response.getCode(), headers, body);
  }

  private HttpTransportException tooLarge(int maxBytes) {
    // Cancelling discards the connection before closing the stream, which would drain the rest.
    http.cancel();
    return Failures.tooLarge(maxBytes);
  }

  private HttpTransportException failure(Exception e) throws InterruptedException {
    if (Thread.interrupted()) {
      // HttpClient ends a pool wait on interrupt with its own exception and sets the flag again.
      InterruptedException interrupted =
          new InterruptedException("interrupted; the exchange was aborted");
      interrupted.initCause(e);
      throw interrupted;
    }
    if (aborted) {
      return new HttpTransportException(
          HttpTransportException.Kind.IO, "the exchange was aborted", e);
    }
    return Failures.map(e);
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a response failed: {}", e.toString());
    }
  }
}
