package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Collects an async response into a {@link TransportResponse}, refusing the body as soon as it
 * passes the limit: at once when {@code Content-Length} says so, else while reading. Refusing
 * throws, which makes HttpClient fail the exchange and close its connection.
 *
 * <p>HttpClient calls it from one I/O thread at a time.
 */
final class LimitedResponseConsumer implements AsyncResponseConsumer<TransportResponse> {

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
