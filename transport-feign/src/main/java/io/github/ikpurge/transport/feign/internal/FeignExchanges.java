package io.github.ikpurge.transport.feign.internal;

import feign.AsyncClient;
import feign.Client;
import feign.Request;
import feign.Response;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Runs exchanges through a Feign {@link Client} or {@link AsyncClient} under the SPI's contract:
 * abortable exchanges, body limit, no redirects, failures with their kind. Thread-safe.
 */
public final class FeignExchanges {

  /** The prefix of the threads of the executor {@link #newExecutor()} makes. */
  public static final String EXECUTOR_THREAD_PREFIX = "ikpurge-feign-exchange-";

  private final Client client;
  private final AsyncClient<?> asyncClient;
  private final Executor executor;
  private final Duration connectTimeout;
  private final String userAgent;
  private final FeignLog log = new FeignLog();

  private static final byte[] NO_BYTES = new byte[0];
  private static final int CHUNK = 8192;

  /**
   * Creates the runner. Blocking calls use {@code client} on the caller's thread; non-blocking
   * calls use {@code asyncClient}, else {@code client} on {@code executor}.
   *
   * @param client the blocking client, or null to run blocking calls on the async client
   * @param asyncClient the async client, or null
   * @param executor runs {@code client} for non-blocking calls when there is no async client
   * @param options the connect timeout and user agent to apply per request
   * @throws IllegalArgumentException when neither client is given, or no executor for {@code
   *     client} alone
   */
  public FeignExchanges(
      Client client, AsyncClient<?> asyncClient, Executor executor, TransportOptions options) {
    if (client == null && asyncClient == null) {
      throw new IllegalArgumentException("a client or an async client is needed");
    }
    if (asyncClient == null && executor == null) {
      throw new IllegalArgumentException("an executor is needed to run a blocking client");
    }
    FeignLog.guardJdkLogger();
    this.client = client;
    this.asyncClient = asyncClient;
    this.executor = executor;
    this.connectTimeout = options.connectTimeout();
    this.userAgent = options.userAgent().orElse(null);
  }

  /**
   * Returns Feign's default client on {@link java.net.HttpURLConnection}, configured from the
   * options' proxy and TLS context (the connect timeout is applied per request).
   *
   * @param options the options
   * @return the client
   */
  public static Client defaultClient(TransportOptions options) {
    return new UrlConnectionClient(
        options.sslContext().map(SSLContext::getSocketFactory).orElse(null),
        options.proxy().map(address -> new Proxy(Proxy.Type.HTTP, address)).orElse(null));
  }

  /**
   * Returns an unbounded cached pool of daemon threads named {@link #EXECUTOR_THREAD_PREFIX} plus a
   * counter: one thread per exchange in flight, no queue, an idle thread ends after 60 seconds.
   *
   * @return the executor, which its creator shuts down
   */
  public static ExecutorService newExecutor() {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        daemons(EXECUTOR_THREAD_PREFIX));
  }

  /**
   * Returns a factory of daemon threads, so that a transport nobody closed never keeps the JVM
   * alive, named with a prefix and a counter.
   *
   * @param prefix the name prefix, such as {@link #EXECUTOR_THREAD_PREFIX}
   * @return the factory
   */
  static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Prepares an exchange run on the calling thread (or a wait for the async client when there is no
   * blocking one). Its abort disconnects the connection and closes the body, since socket reads
   * ignore interrupts; the client's timer calls it at the deadline or when the caller is
   * interrupted.
   *
   * @param request the request
   * @return the exchange, not started
   */
  public HttpTransport.Exchange prepare(TransportRequest request) {
    if (client == null) {
      return new HttpTransport.Exchange() {
        private volatile CompletableFuture<TransportResponse> pending;
        private volatile boolean aborted;

        @Override
        public TransportResponse call() throws IOException, InterruptedException {
          CompletableFuture<TransportResponse> started = executeAsync(request);
          pending = started;
          if (aborted) {
            started.cancel(true);
          }
          return await(started);
        }

        @Override
        public void abort() {
          aborted = true;
          CompletableFuture<TransportResponse> started = pending;
          if (started != null) {
            started.cancel(true);
          }
        }
      };
    }
    Exchange exchange = new Exchange(request);
    return new HttpTransport.Exchange() {
      @Override
      public TransportResponse call() throws IOException, InterruptedException {
        return execute(exchange);
      }

      @Override
      public void abort() {
        exchange.abort();
      }
    };
  }

  private TransportResponse execute(Exchange exchange) throws IOException, InterruptedException {
    TransportRequest request = exchange.request();
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending " + request.method());
    }
    try {
      return exchange(client, exchange);
    } catch (IOException | RuntimeException e) {
      Exchange.State state = exchange.finish();
      if (Thread.interrupted()) {
        // The interrupt the client's abort followed, or one a library rethrew.
        InterruptedException interrupted =
            new InterruptedException("interrupted during " + request.method() + " exchange");
        interrupted.initCause(e);
        throw interrupted;
      }
      throw Failures.of(e, state, exchange);
    } finally {
      exchange.finish();
    }
  }

  /**
   * Starts an exchange on the async client, else on the executor. Cancelling the future aborts the
   * exchange.
   *
   * @param request the request
   * @return the response
   */
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Exchange exchange = new Exchange(request);
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            exchange.abort();
          }
        });
    if (asyncClient != null) {
      sendWithAsyncClient(asyncClient, exchange, result);
    } else {
      sendOnExecutor(exchange, result);
    }
    return result;
  }

  private void sendOnExecutor(Exchange exchange, CompletableFuture<TransportResponse> result) {
    try {
      executor.execute(() -> runOnWorker(exchange, result));
    } catch (RejectedExecutionException e) {
      exchange.finish();
      result.completeExceptionally(
          new HttpTransportException(Kind.IO, "the executor refused the exchange: " + e, e));
    }
  }

  private void runOnWorker(Exchange exchange, CompletableFuture<TransportResponse> result) {
    if (!exchange.bindWorker(Thread.currentThread())) {
      // Cancelled or timed out while queued: nothing was sent, and no thread need block.
      exchange.finish();
      return;
    }
    TransportResponse response = null;
    Throwable failure = null;
    try {
      response = exchange(client, exchange);
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
    Exchange.State state = exchange.finish();
    if (failure == null) {
      result.complete(response);
    } else if (failure instanceof Error error) {
      result.completeExceptionally(error);
    } else {
      result.completeExceptionally(Failures.of(failure, state, exchange));
    }
  }

  private <C> void sendWithAsyncClient(
      AsyncClient<C> async, Exchange exchange, CompletableFuture<TransportResponse> result) {
    Request feignRequest;
    CompletableFuture<Response> pending;
    long started = System.nanoTime();
    try {
      feignRequest = toFeignRequest(exchange.request());
      Request.Options options = exchange.options(connectTimeout);
      log.request(feignRequest);
      pending = async.execute(feignRequest, options, Optional.empty());
      if (pending == null) {
        throw new HttpTransportException(
            Kind.IO, "the Feign async client returned no future", null);
      }
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(Failures.of(e, exchange.finish(), exchange));
      return;
    }
    exchange.attachPending(pending);
    pending.whenComplete(
        (response, failure) -> {
          TransportResponse value = null;
          Throwable error = failure;
          if (error == null && response == null) {
            error =
                new HttpTransportException(Kind.IO, "the Feign client returned no response", null);
          } else if (error == null) {
            // Async clients hand over a buffered body, so reading it here does not block.
            try {
              value = read(exchange, feignRequest, response, started);
            } catch (IOException | RuntimeException e) {
              error = e;
            }
          } else if (Failures.unwrap(error) instanceof IOException io) {
            log.failure(feignRequest, io, millisSince(started));
          }
          Exchange.State state = exchange.finish();
          if (error == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(Failures.of(error, state, exchange));
          }
        });
  }

  /** Runs one exchange on the current thread, blocking until the whole body is read. */
  private TransportResponse exchange(Client blocking, Exchange exchange) throws IOException {
    Request feignRequest = toFeignRequest(exchange.request());
    Request.Options options = exchange.options(connectTimeout);
    log.request(feignRequest);
    long started = System.nanoTime();
    Response response;
    exchange.enter();
    try {
      response = blocking.execute(feignRequest, options);
    } catch (IOException e) {
      log.failure(feignRequest, e, millisSince(started));
      if (blocking instanceof Client.Default
          && !(blocking instanceof UrlConnectionClient)
          && UrlConnectionClient.resentByHttpUrlConnection(feignRequest, e)) {
        // A caller's Client.Default is HttpURLConnection too, with the same silent resend.
        throw UrlConnectionClient.sentTwice(e);
      }
      throw e;
    } finally {
      exchange.exit();
    }
    if (response == null) {
      throw new HttpTransportException(Kind.IO, "the Feign client returned no response", null);
    }
    return read(exchange, feignRequest, response, started);
  }

  private TransportResponse read(
      Exchange exchange, Request feignRequest, Response response, long started) throws IOException {
    try (Response received = response) {
      exchange.attachBody(received);
      Response logged = log.response(feignRequest, received, millisSince(started));
      try {
        return toTransportResponse(exchange.request(), exchange, logged);
      } catch (HttpTransportException e) {
        // Refused unread: closing the body would drain it into the keep-alive cache.
        exchange.discardConnection();
        throw e;
      }
    }
  }

  private Request toFeignRequest(TransportRequest request) throws HttpTransportException {
    Request.HttpMethod method;
    try {
      method = Request.HttpMethod.valueOf(request.method());
    } catch (IllegalArgumentException e) {
      throw new HttpTransportException(
          Kind.IO, "Feign cannot send the HTTP method " + request.method(), e);
    }
    // Case-insensitive, as Feign's own clients look headers up by any spelling.
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().asMap().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    if (userAgent != null && !headers.containsKey("User-Agent")) {
      headers.put("User-Agent", new ArrayList<>(List.of(userAgent)));
    }
    byte[] body = request.body().orElse(null);
    // Feign's clients size the body from this header, spelled so; Client.Default streams it with
    // a fixed length (chunked otherwise), and HttpURLConnection would drop a header it sent itself.
    headers.remove("Content-Length");
    if (body != null) {
      headers.put("Content-Length", new ArrayList<>(List.of(Integer.toString(body.length))));
    }
    return Request.create(method, request.uri().toASCIIString(), headers, body, null, null);
  }

  /**
   * Turns a Feign response into the SPI's: status checked, headers copied, and the body read
   * completely within the size limit and the client's abort; the caller closes the response.
   *
   * @throws IOException RESPONSE_TOO_LARGE over the limit, IO once aborted, PROTOCOL for a status
   *     outside 200 to 999 or a head the request refuses, IO for a body shorter than its {@code
   *     Content-Length}
   */
  private static TransportResponse toTransportResponse(
      TransportRequest request, Exchange exchange, Response response) throws IOException {
    int status = response.status();
    if (status < 100 || status > 999) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid HTTP status " + status, null);
    }
    if (status < 200) {
      // HttpURLConnection skips 100 Continue only: any other 1xx comes back as if it were final,
      // with the real response still unread on the connection.
      throw new HttpTransportException(
          Kind.PROTOCOL, "an interim " + status + " response was taken for the final one", null);
    }
    Headers headers = headersOf(response.headers());
    request.checkResponseHead(headers);
    byte[] body =
        mayHaveBody(request.method(), status)
            ? readBody(response.body(), headers, request.maxResponseBytes(), exchange)
            : NO_BYTES;
    return TransportResponse.of(status, headers, body);
  }

  /**
   * Copies Feign's header map, skipping the null key HttpURLConnection uses for the status line.
   */
  private static Headers headersOf(Map<String, Collection<String>> fields)
      throws HttpTransportException {
    Headers.Builder builder = Headers.builder();
    try {
      addAll(builder, fields);
    } catch (IllegalArgumentException e) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid header: " + e.getMessage(), e);
    }
    return builder.build();
  }

  private static void addAll(Headers.Builder builder, Map<String, Collection<String>> fields) {
    if (fields != null) {
      fields.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              values.forEach(
                  value -> {
                    if (value != null) {
                      builder.add(name, value);
                    }
                  });
            }
          });
    }
  }

  private static boolean mayHaveBody(String method, int status) {
    // RFC 9110: no content in a HEAD response, a 1xx, 204 or 304, whatever Content-Length says.
    return !"HEAD".equals(method) && status >= 200 && status != 204 && status != 304;
  }

  private static byte[] readBody(
      Response.Body body, Headers headers, int maxBytes, Exchange exchange) throws IOException {
    if (body == null) {
      return NO_BYTES;
    }
    long declared = declaredLength(headers, body);
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (InputStream in = body.asInputStream()) {
      if (in == null) {
        return NO_BYTES;
      }
      long capacityLimit = Math.min((long) maxBytes + 1, Integer.MAX_VALUE - 8);
      // One byte past what is expected: the read that meets the end has room, or shows excess.
      int initial = (int) Math.min(capacityLimit, declared >= 0 ? declared + 1 : CHUNK);
      byte[] buffer = new byte[Math.max(initial, 1)];
      int size = 0;
      while (true) {
        exchange.checkpoint();
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(capacityLimit, buffer.length * 2L));
        }
        int read = in.read(buffer, size, buffer.length - size);
        if (read < 0) {
          break;
        }
        size += read;
        if (size > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
      // HttpURLConnection reports a body cut short as a plain end of stream: compare with the
      // declared length, unless the client decoded a Content-Encoding and the lengths differ.
      if (declared >= 0 && size < declared && !isEncoded(headers)) {
        throw new HttpTransportException(
            Kind.IO, "the response body ended after " + size + " of " + declared + " bytes", null);
      }
      return size == 0 ? NO_BYTES : Arrays.copyOf(buffer, size);
    }
  }

  private static long declaredLength(Headers headers, Response.Body body) {
    String header = headers.firstValue("Content-Length").orElse(null);
    if (header != null) {
      try {
        long length = Long.parseLong(header.trim());
        if (length >= 0) {
          return length;
        }
      } catch (NumberFormatException e) {
        // A malformed length declares nothing; the count while reading still applies.
      }
    }
    Integer length = body.length();
    return length != null && length >= 0 ? length : -1;
  }

  private static boolean isEncoded(Headers headers) {
    return headers
        .firstValue("Content-Encoding")
        .map(encoding -> !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity"))
        .orElse(false);
  }

  private static HttpTransportException tooLarge(int maxBytes) {
    return new HttpTransportException(
        Kind.RESPONSE_TOO_LARGE, "response body larger than " + maxBytes + " bytes", null);
  }

  private static TransportResponse await(CompletableFuture<TransportResponse> pending)
      throws IOException, InterruptedException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (CancellationException e) {
      throw new HttpTransportException(Kind.IO, "the exchange was aborted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new HttpTransportException(Kind.IO, String.valueOf(cause), cause);
    }
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  @Override
  public String toString() {
    return "FeignExchanges{client="
        + (client == null ? "none" : client.getClass().getName())
        + ", asyncClient="
        + (asyncClient == null ? "none" : asyncClient.getClass().getName())
        + '}';
  }
}
