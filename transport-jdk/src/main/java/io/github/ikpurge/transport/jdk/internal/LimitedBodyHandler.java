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
 * Content-Length} says so, else while reading. {@link #abort} ends a body still being read, which
 * is how the blocking path enforces its time limit on a slow body.
 */
final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final int maxBytes;
  private volatile LimitedSubscriber subscriber;
  private volatile HttpTransportException aborted;

  LimitedBodyHandler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    LimitedSubscriber created = new LimitedSubscriber(maxBytes, declared > maxBytes);
    subscriber = created;
    HttpTransportException early = aborted;
    if (early != null) {
      created.fail(early);
    }
    return created;
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
    private final boolean refuseAtOnce;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
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
        fail(tooLarge());
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
          fail(tooLarge());
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

    private HttpTransportException tooLarge() {
      return new HttpTransportException(
          HttpTransportException.Kind.RESPONSE_TOO_LARGE,
          "response body larger than " + maxBytes + " bytes",
          null);
    }
  }
}
