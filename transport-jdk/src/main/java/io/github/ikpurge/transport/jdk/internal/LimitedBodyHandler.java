package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Checks the response head and reads the body into a byte array. A head the request refuses (too
 * large, or framed two ways) and a body past the limit are refused before the body is read on, at
 * once when {@code Content-Length} says so: the JDK then closes the connection, whose remaining
 * bytes cannot be trusted. {@link #abort} ends a body still being read, which is how the blocking
 * path enforces its time limit on a slow body.
 */
final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final TransportRequest request;
  private volatile LimitedSubscriber subscriber;
  private volatile HttpTransportException aborted;
  private volatile HttpTransportException refused;
  private volatile Headers headers;

  LimitedBodyHandler(TransportRequest request) {
    this.request = request;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    int maxBytes = request.maxResponseBytes();
    HttpTransportException refusal = null;
    try {
      Headers converted = Exchanges.headersOf(info.headers());
      headers = converted;
      request.checkResponseHead(converted);
      long declared =
          converted
              .firstValue("Content-Length")
              .map(value -> Long.parseLong(value.split(",", 2)[0].strip()))
              .orElse(-1L);
      if (declared > maxBytes) {
        refusal = tooLarge(maxBytes);
      }
    } catch (HttpTransportException e) {
      refusal = e;
    } catch (IllegalArgumentException e) {
      refusal =
          new HttpTransportException(
              HttpTransportException.Kind.PROTOCOL, "an invalid header: " + e.getMessage(), e);
    }
    refused = refusal;
    LimitedSubscriber created = new LimitedSubscriber(maxBytes, refusal);
    subscriber = created;
    HttpTransportException early = aborted;
    if (early != null) {
      created.fail(early);
    }
    return created;
  }

  /** {@return why the response head was refused, or null} */
  HttpTransportException refusal() {
    return refused;
  }

  /** {@return the response's headers as converted when the head arrived, or null before} */
  Headers headers() {
    return headers;
  }

  /** Fails the body being read, or the one about to be, with this exception. */
  void abort(HttpTransportException failure) {
    aborted = failure;
    LimitedSubscriber current = subscriber;
    if (current != null) {
      current.fail(failure);
    }
  }

  private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int maxBytes;
    private final HttpTransportException refusal;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private byte[] buffer = new byte[256];
    private int size;

    LimitedSubscriber(int maxBytes, HttpTransportException refusal) {
      this.maxBytes = maxBytes;
      this.refusal = refusal;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refusal != null) {
        fail(refusal);
        return;
      }
      if (body.isDone()) {
        subscription.cancel();
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int length = item.remaining();
        if ((long) size + length > maxBytes) {
          fail(tooLarge(maxBytes));
          return;
        }
        if (size + length > buffer.length) {
          buffer =
              Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(buffer.length * 2, size + length)));
        }
        item.get(buffer, size, length);
        size += length;
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      if (!body.isDone()) {
        body.complete(Arrays.copyOf(buffer, size));
      }
    }

    void fail(HttpTransportException failure) {
      if (body.completeExceptionally(failure)) {
        Flow.Subscription current = subscription;
        if (current != null) {
          current.cancel();
        }
      }
    }
  }

  private static HttpTransportException tooLarge(int maxBytes) {
    return new HttpTransportException(
        HttpTransportException.Kind.RESPONSE_TOO_LARGE,
        "response body larger than " + maxBytes + " bytes",
        null);
  }
}
