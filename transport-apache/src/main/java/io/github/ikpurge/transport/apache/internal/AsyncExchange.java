package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * One non-blocking exchange on the async client. No thread waits while it is in flight:
 * HttpClient's I/O threads move the bytes. The client aborts it by cancelling its future, which
 * cancels the exchange and closes its connection.
 */
public final class AsyncExchange {

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
    Executor completer = Completions.EXECUTOR;
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
}
