package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.Deadlines;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
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
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/** Sends one request with the JDK client and maps the outcome to the SPI's values. */
public final class Exchanges {

  private Exchanges() {}

  /**
   * Sends a request on the calling thread. {@link HttpClient#send} is used rather than waiting on
   * {@code sendAsync}, which hands every response to CompletableFuture's default executor (a new
   * thread per response on machines with fewer than three cores). The time limit covers the body
   * too: a timer aborts a body still being read when the limit passes.
   *
   * @param client the client
   * @param request the request
   * @return the response
   * @throws HttpTransportException if no complete response arrived in time, or the exchange failed
   * @throws InterruptedException if the calling thread was interrupted; the exchange is abandoned
   */
  public static TransportResponse execute(HttpClient client, TransportRequest request)
      throws HttpTransportException, InterruptedException {
    LimitedBodyHandler handler = new LimitedBodyHandler(request.maxResponseBytes());
    Thread caller = Thread.currentThread();
    AtomicInteger state = new AtomicInteger(RUNNING);
    // Not HttpRequest.timeout(): the JDK wakes its selector thread for each request that has one.
    // At the deadline a body being read is refused, and a caller still awaiting the response head
    // is interrupted, which makes send() abandon the exchange.
    Deadlines.Deadline timeout =
        Deadlines.after(
            request.timeout(),
            () -> {
              if (state.compareAndSet(RUNNING, ABORTING)) {
                handler.abort(timedOut(request));
                caller.interrupt();
                state.set(TIMED_OUT);
              }
            });
    try {
      HttpResponse<byte[]> response = client.send(toHttpRequest(request), handler);
      if (!state.compareAndSet(RUNNING, DONE)) {
        clearOurInterrupt(state);
        throw timedOut(request);
      }
      return TransportResponse.of(
          response.statusCode(), headersOf(response.headers()), response.body());
    } catch (InterruptedException e) {
      if (!state.compareAndSet(RUNNING, DONE)) {
        clearOurInterrupt(state);
        throw timedOut(request);
      }
      throw e;
    } catch (IOException e) {
      if (!state.compareAndSet(RUNNING, DONE)) {
        clearOurInterrupt(state);
        throw timedOut(request);
      }
      throw map(e);
    } catch (RuntimeException e) {
      if (!state.compareAndSet(RUNNING, DONE)) {
        clearOurInterrupt(state);
      }
      throw new HttpTransportException(Kind.IO, e.toString(), e);
    } finally {
      timeout.cancel();
    }
  }

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int ABORTING = 2;
  private static final int TIMED_OUT = 3;

  /** Waits until the deadline's action has interrupted this thread, then clears that interrupt. */
  private static void clearOurInterrupt(AtomicInteger state) {
    while (state.get() == ABORTING) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
  }

  private static HttpTransportException timedOut(TransportRequest request) {
    return new HttpTransportException(
        Kind.TIMEOUT, "no complete response within " + request.timeout().toMillis() + " ms", null);
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
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange =
          client.sendAsync(
              toHttpRequest(request), new LimitedBodyHandler(request.maxResponseBytes()));
    } catch (RuntimeException e) {
      result.completeExceptionally(new HttpTransportException(Kind.IO, e.toString(), e));
      return result;
    }
    // The whole exchange, body included, is bounded here rather than by HttpRequest.timeout().
    Deadlines.Deadline timeout =
        Deadlines.after(
            request.timeout(),
            () -> {
              if (result.completeExceptionally(timedOut(request))) {
                exchange.cancel(true);
              }
            });
    exchange.whenComplete(
        (response, failure) -> {
          timeout.cancel();
          if (failure != null) {
            result.completeExceptionally(map(failure));
          } else {
            result.complete(
                TransportResponse.of(
                    response.statusCode(), headersOf(response.headers()), response.body()));
          }
        });
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
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

  static HttpTransportException map(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // Our own failures (a refused body, a deadline) may come back wrapped by send().
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
    if (cause instanceof HttpTransportException || cause instanceof IOException) {
      return HttpTransportException.classify((IOException) cause);
    }
    return new HttpTransportException(Kind.IO, message, cause);
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
