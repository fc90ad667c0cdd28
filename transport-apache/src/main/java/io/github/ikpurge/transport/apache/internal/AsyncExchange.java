package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One non-blocking exchange on the async client. No thread waits while it is in flight:
 * HttpClient's I/O threads move the bytes. The client aborts it by cancelling its future, which
 * cancels the exchange and closes its connection.
 */
public final class AsyncExchange {

  private static final AtomicInteger COMPLETION_THREADS = new AtomicInteger();

  /**
   * Completes the futures of every Apache transport on daemon threads that are reused and end after
   * a minute idle, so their number follows the completions running at once, not the calls made
   * (CompletableFuture's default executor starts a thread per task on fewer than three cores).
   */
  // HttpClient calls back on its I/O threads, which a future's dependent stages must not stall.
  private static final Executor COMPLETER = newCompleter();

  private AsyncExchange() {}

  /**
   * Starts an exchange. The future fails with an {@link HttpTransportException} of the fitting
   * kind; cancelling it aborts the exchange. It is completed on a shared pool of reused daemon
   * threads, never on an HttpClient I/O thread, so code that depends on it cannot stall the I/O.
   *
   * @param client the started async client
   * @param request the request
   * @param sendOnce whether the client may retry by itself (see {@link ClassicExchange})
   * @return the response
   */
  public static CompletableFuture<TransportResponse> send(
      CloseableHttpAsyncClient client, TransportRequest request, boolean sendOnce) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    Executor completer = COMPLETER;
    HttpClientContext context = HttpClientContext.create();
    context.setRequestConfig(Messages.requestConfig(request.timeout()));
    AbortHandle abortHandle = AbortHandle.in(context);
    Future<TransportResponse> exchange;
    try {
      exchange =
          client.execute(
              Messages.asyncRequest(request, sendOnce),
              new LimitedResponseConsumer(request),
              context,
              new FutureCallback<>() {
                @Override
                public void completed(TransportResponse response) {
                  completer.execute(() -> result.complete(response));
                }

                @Override
                public void failed(Exception failure) {
                  HttpTransportException mapped = Failures.map(failure);
                  completer.execute(() -> result.completeExceptionally(mapped));
                }

                @Override
                public void cancelled() {
                  completer.execute(() -> result.completeExceptionally(Failures.cancelled()));
                }
              });
    } catch (RuntimeException e) {
      // A closed or never started client refuses the request up front.
      return CompletableFuture.failedFuture(Failures.map(e));
    }
    result.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            // Cancelled by the client or failed: the exchange must end and free its connection.
            abortHandle.abort();
            exchange.cancel(true);
          }
        });
    return result;
  }

  private static Executor newCompleter() {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> {
          Thread thread =
              new Thread(task, "ikpurge-apache-completion-" + COMPLETION_THREADS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Returns the chain element, for the clients this transport builds, that lets a cancelled
   * exchange discard its connection (see {@link AbortHandle}).
   */
  static AsyncExecChainHandler abortHandleInterceptor() {
    return AbortHandle.interceptor();
  }

  /**
   * Lets an async exchange discard its connection when it is cancelled or times out.
   *
   * <p>Cancelling HttpClient's future is not enough: when a pooled connection is leased at once,
   * the exchange is started before {@code AsyncConnectExec} records the lease as what to cancel,
   * which replaces the exchange's own cancel hook (seen with 5.6.5). The exchange then runs,
   * holding its connection, until the response arrives. An interceptor on the clients this
   * transport builds hands the exchange's runtime to this handle, through the context, so the
   * connection can be discarded.
   */
  private static final class AbortHandle {

    private static final String ATTRIBUTE = AbortHandle.class.getName();

    private final AtomicReference<AsyncExecRuntime> runtime = new AtomicReference<>();
    private volatile boolean aborted;

    /** Puts a new handle in the context of one exchange. */
    static AbortHandle in(HttpContext context) {
      AbortHandle handle = new AbortHandle();
      context.setAttribute(ATTRIBUTE, handle);
      return handle;
    }

    /** Returns the chain element that gives each exchange's runtime to its handle. */
    static AsyncExecChainHandler interceptor() {
      return (request, entityProducer, scope, chain, callback) -> {
        if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof AbortHandle handle) {
          handle.attach(scope.execRuntime);
        }
        chain.proceed(request, entityProducer, scope, callback);
      };
    }

    /**
     * Closes the exchange's connection, if it has one, and hands it back to the pool as unusable.
     */
    void abort() {
      aborted = true;
      AsyncExecRuntime attached = runtime.get();
      if (attached != null) {
        attached.discardEndpoint();
      }
    }

    private void attach(AsyncExecRuntime execRuntime) {
      runtime.set(execRuntime);
      // An abort that came first has found nothing to discard; the connection may be leased later.
      if (aborted) {
        execRuntime.discardEndpoint();
      }
    }
  }

  /**
   * Collects an async response into a {@link TransportResponse}, refusing the body as soon as it
   * passes the limit: at once when {@code Content-Length} says so, else while reading. Refusing
   * throws, which makes HttpClient fail the exchange and close its connection.
   *
   * <p>HttpClient calls it from one I/O thread at a time.
   */
  private static final class LimitedResponseConsumer
      implements AsyncResponseConsumer<TransportResponse> {

    private final TransportRequest request;
    private final int maxBytes;
    private int interimResponses;
    private FutureCallback<TransportResponse> resultCallback;
    private int status;
    private Headers headers;
    private byte[] buffer;
    private int size;

    LimitedResponseConsumer(TransportRequest request) {
      this.request = request;
      this.maxBytes = request.maxResponseBytes();
    }

    @Override
    public void consumeResponse(
        HttpResponse response,
        EntityDetails entityDetails,
        HttpContext context,
        FutureCallback<TransportResponse> resultCallback)
        throws IOException {
      this.status = response.getCode();
      this.headers = Messages.headersOf(response.getHeaders());
      request.checkResponseHead(headers);
      if (entityDetails == null) {
        resultCallback.completed(TransportResponse.of(status, headers, null));
        return;
      }
      long declared = entityDetails.getContentLength();
      if (declared > maxBytes) {
        throw Failures.tooLarge(maxBytes);
      }
      this.resultCallback = resultCallback;
      this.buffer = new byte[declared >= 0 ? (int) declared : Math.min(maxBytes, 8192)];
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context)
        throws HttpTransportException {
      // 1xx answers carry nothing the client needs; an endless stream of them is an attack.
      if (++interimResponses > Messages.MAX_INTERIM_RESPONSES) {
        throw Messages.tooManyInterimResponses();
      }
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
      // The whole body is kept in memory anyway, bounded by the limit: no reason to throttle.
      capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
      int length = src.remaining();
      if ((long) size + length > maxBytes) {
        throw Failures.tooLarge(maxBytes);
      }
      if (size + length > buffer.length) {
        buffer =
            Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(buffer.length * 2, size + length)));
      }
      src.get(buffer, size, length);
      size += length;
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
      byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      resultCallback.completed(TransportResponse.of(status, headers, body));
    }

    @Override
    public void failed(Exception cause) {
      // The client reports the failure to the exchange's own callback.
    }

    @Override
    public void releaseResources() {}
  }
}
