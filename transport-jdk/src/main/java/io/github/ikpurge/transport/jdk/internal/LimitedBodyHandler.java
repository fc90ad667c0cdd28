package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.spi.HttpTransportException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body into a byte array, refusing it as soon as it passes the limit: at once when {@code
 * Content-Length} says so, else while reading.
 */
final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final int maxBytes;

  LimitedBodyHandler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new LimitedSubscriber(maxBytes, declared > maxBytes);
  }

  private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int maxBytes;
    private final boolean refuseAtOnce;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buffer = new byte[256];
    private int size;

    LimitedSubscriber(int maxBytes, boolean refuseAtOnce) {
      this.maxBytes = maxBytes;
      this.refuseAtOnce = refuseAtOnce;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refuseAtOnce) {
        subscription.cancel();
        body.completeExceptionally(tooLarge());
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
          subscription.cancel();
          buffer = null;
          body.completeExceptionally(tooLarge());
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

    private HttpTransportException tooLarge() {
      return new HttpTransportException(
          HttpTransportException.Kind.RESPONSE_TOO_LARGE,
          "response body larger than " + maxBytes + " bytes",
          null);
    }
  }
}
