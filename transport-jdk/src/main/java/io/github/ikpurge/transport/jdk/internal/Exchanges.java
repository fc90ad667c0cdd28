package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Sends one request with the JDK client and maps the outcome to the SPI's values. */
public final class Exchanges {

  private Exchanges() {}

  /**
   * One blocking exchange, sent on the calling thread and aborted from another. {@link
   * HttpClient#send} is used rather than waiting on {@code sendAsync}, which hands every response
   * to CompletableFuture's default executor (a new thread per response on machines with fewer than
   * three cores). The client's timer aborts it; no time limit is set here.
   */
  public static final class Blocking {

    private final TransportRequest request;
    private Thread runner;
    private LimitedBodyHandler handler;
    private boolean aborted;

    /**
     * Prepares the exchange.
     *
     * @param request the request
     */
    public Blocking(TransportRequest request) {
      this.request = request;
    }

    /**
     * Sends the request on {@code client}; may be called again, once the last send has ended.
     *
     * @param client the client
     * @return the response
     * @throws HttpTransportException if the exchange failed or was aborted
     * @throws InterruptedException if the calling thread was interrupted, by the abort too
     */
    public TransportResponse send(HttpClient client)
        throws HttpTransportException, InterruptedException {
      LimitedBodyHandler current = new LimitedBodyHandler(request);
      synchronized (this) {
        if (aborted) {
          throw abortedFailure();
        }
        runner = Thread.currentThread();
        handler = current;
      }
      try {
        return responseOf(client.send(toHttpRequest(request), current), current);
      } catch (IOException | RuntimeException e) {
        throw map(e, request, current);
      } finally {
        synchronized (this) {
          runner = null;
        }
      }
    }

    /** Ends the send under way promptly, and any later one at once. */
    public synchronized void abort() {
      aborted = true;
      if (runner != null) {
        // A body being read is failed at once, which closes its connection.
        handler.abort(abortedFailure());
        // send() awaiting the head stops only when its thread is interrupted: the client clears
        // that interrupt (HttpTransport.Exchange).
        runner.interrupt();
      }
    }
  }

  private static HttpTransportException abortedFailure() {
    return new HttpTransportException(Kind.IO, "the exchange was aborted", null);
  }

  /**
   * Sends a request; the future fails with an {@link HttpTransportException} of the fitting kind.
   *
   * @param client the client
   * @param request the request
   * @return the response
   */
  public static CompletableFuture<TransportResponse> send(
      HttpClient client, TransportRequest request) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    LimitedBodyHandler handler = new LimitedBodyHandler(request);
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = client.sendAsync(toHttpRequest(request), handler);
    } catch (RuntimeException e) {
      result.completeExceptionally(new HttpTransportException(Kind.IO, e.toString(), e));
      return result;
    }
    exchange.whenComplete(
        (response, failure) -> {
          // Whatever goes wrong here completes the future: a caller must never wait for it alone.
          try {
            if (failure != null) {
              result.completeExceptionally(map(failure, request, handler));
            } else {
              result.complete(responseOf(response, handler));
            }
          } catch (HttpTransportException e) {
            result.completeExceptionally(e);
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(map(e, request, handler));
          }
        });
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            // The client's abort: a body being read is failed too, in case the JDK's cancel
            // leaves it to the connection.
            handler.abort(abortedFailure());
            exchange.cancel(true);
          }
        });
    return result;
  }

  private static TransportResponse responseOf(
      HttpResponse<byte[]> response, LimitedBodyHandler handler) throws HttpTransportException {
    Headers headers = handler.headers();
    try {
      return TransportResponse.of(
          response.statusCode(),
          headers != null ? headers : headersOf(response.headers()),
          response.body());
    } catch (IllegalArgumentException e) {
      throw new HttpTransportException(Kind.PROTOCOL, e.getMessage(), e);
    }
  }

  static HttpRequest toHttpRequest(TransportRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(
                request.method(),
                request
                    .body()
                    .map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElseGet(HttpRequest.BodyPublishers::noBody));
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      // No h2c upgrade dance on plain http; TLS negotiates HTTP/2 by ALPN.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request
        .headers()
        .asMap()
        .forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    return builder.build();
  }

  /**
   * Converts JDK headers, leaving out HTTP/2 pseudo-headers.
   *
   * @param headers the JDK's headers
   * @return the SPI's headers
   */
  public static Headers headersOf(HttpHeaders headers) {
    Headers.Builder builder = Headers.builder();
    for (Map.Entry<String, List<String>> field : headers.map().entrySet()) {
      if (!field.getKey().startsWith(":")) {
        field.getValue().forEach(value -> builder.add(field.getKey(), value));
      }
    }
    return builder.build();
  }

  /**
   * Maps what the JDK client failed with to the SPI's kinds. A refusal of the response head by the
   * body handler comes first: the JDK may report it as something else, such as the failure to parse
   * a {@code Content-Length} it refused.
   */
  static HttpTransportException map(
      Throwable failure, TransportRequest request, LimitedBodyHandler handler) {
    HttpTransportException refusal = handler.refusal();
    if (refusal != null) {
      // The JDK's own failure, if it is another, is kept as the cause: it tells whether the JDK
      // left the connection open.
      return failure == refusal || refusal.getCause() != null
          ? refusal
          : new HttpTransportException(refusal.kind(), refusal.getMessage(), failure);
    }
    HttpTransportException mapped = map(failure);
    if (mapped.kind() == Kind.IO
        && "GET".equals(request.method())
        && mapped.getMessage() != null
        && mapped.getMessage().contains(NO_BYTES)) {
      // The JDK sends an idempotent request once more, by itself, when the connection fails
      // before any byte of the response (MultiExchange, ConnectionExpiredException); no setting
      // turns that off. The client counts both sends as attempts.
      return new HttpTransportException(Kind.IO, mapped.getMessage(), mapped.getCause(), 2);
    }
    return mapped;
  }

  /**
   * Returns whether a failure came from the JDK's own response parser, which leaves the connection
   * open: a status line or header it refused, its header size limit, too many interim responses, a
   * {@code Content-Length} it could not read.
   *
   * @param failure the mapped failure
   * @return whether the JDK kept the connection
   */
  public static boolean leftConnectionOpen(HttpTransportException failure) {
    return find(failure.getCause(), ProtocolException.class) != null
        || find(failure.getCause(), NumberFormatException.class) != null;
  }

  /** The JDK's words for a connection that ended before any byte of the response. */
  private static final String NO_BYTES = "header parser received no bytes";

  /** What the JDK's response parser says when the body's chunked framing is broken. */
  private static final List<String> BAD_CHUNKING =
      List.of("invalid chunk header", "Illegal character in chunk size", "Chunk header size");

  static HttpTransportException map(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // Our own failures (a refused body, an abort) may come back wrapped by send().
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpTransportException known) {
        return known;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    if (cause instanceof HttpConnectTimeoutException) {
      return new HttpTransportException(Kind.CONNECT, "connect timed out: " + message, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new HttpTransportException(Kind.TIMEOUT, message, cause);
    }
    if (hasCause(cause, SSLException.class)) {
      return new HttpTransportException(Kind.TLS, message, cause);
    }
    if (hasCause(cause, ConnectException.class)
        || hasCause(cause, UnresolvedAddressException.class)) {
      return new HttpTransportException(Kind.CONNECT, "connection failed: " + message, cause);
    }
    ProtocolException protocol = find(cause, ProtocolException.class);
    if (protocol != null) {
      String what = String.valueOf(protocol.getMessage());
      // Http1HeaderParser's own limit, jdk.http.maxHeaderSize (384 KiB by default).
      return new HttpTransportException(
          what.startsWith("Header size too big") ? Kind.HEADERS_TOO_LARGE : Kind.PROTOCOL,
          what,
          cause);
    }
    if (find(cause, NumberFormatException.class) != null
        || BAD_CHUNKING.stream().anyMatch(message::contains)) {
      return new HttpTransportException(Kind.PROTOCOL, message, cause);
    }
    if (cause instanceof IOException io) {
      return HttpTransportException.classify(io);
    }
    return new HttpTransportException(Kind.IO, message, cause);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
