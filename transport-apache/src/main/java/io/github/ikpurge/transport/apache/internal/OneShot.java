package io.github.ikpurge.transport.apache.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;

/**
 * Request bodies HttpClient will not send twice. The clients this transport builds never retry; a
 * caller's client may: {@code DefaultHttpRequestRetryStrategy} re-sends on 429 and 503 whatever the
 * method, and on some I/O errors. Its retry steps ({@code HttpRequestRetryExec} and the async one)
 * give up on a body that is not repeatable, so on a caller's client every request carries one; a
 * status query an empty one ({@code Content-Length: 0}), which HTTP allows on a GET.
 */
final class OneShot {

  private static final byte[] EMPTY = new byte[0];

  private OneShot() {}

  static HttpEntity entity(byte[] body) {
    return new Entity(body == null ? EMPTY : body);
  }

  static AsyncEntityProducer producer(byte[] body) {
    return new BasicAsyncEntityProducer(body == null ? EMPTY : body, null) {
      @Override
      public boolean isRepeatable() {
        return false;
      }
    };
  }

  private static final class Entity extends AbstractHttpEntity {
    private final byte[] body;

    Entity(byte[] body) {
      super((String) null, null, false);
      this.body = body;
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(body);
    }

    @Override
    public boolean isStreaming() {
      return false;
    }

    @Override
    public void close() {}
  }
}
