package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the SPI's requests to HttpClient's messages, with bodies it will not send twice and
 * headers it logs without their values, and HttpClient's response headers back.
 */
final class Messages {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.ikpurge.transport.apache");

  private Messages() {}

  /**
   * The request for the classic client; with {@code sendOnce}, for a client that may retry, its
   * body can be sent only once (see {@link OneShot}).
   */
  static HttpUriRequestBase classicRequest(TransportRequest request, boolean sendOnce) {
    HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
    http.setConfig(requestConfig(request.timeout()));
    forEachHeader(request, (name, value) -> http.addHeader(new RedactedHeader(name, value)));
    byte[] body = request.body().orElse(null);
    if (sendOnce) {
      http.setEntity(OneShot.entity(body));
    } else if (body != null) {
      // No ContentType on the entity: the Content-Type header, when given, goes out as it is.
      http.setEntity(new ByteArrayEntity(body, null));
    }
    return http;
  }

  /** The request for the async client; {@code sendOnce} as for {@link #classicRequest}. */
  static AsyncRequestProducer asyncRequest(TransportRequest request, boolean sendOnce) {
    BasicHttpRequest http = new BasicHttpRequest(request.method(), request.uri());
    forEachHeader(request, (name, value) -> http.addHeader(new RedactedHeader(name, value)));
    byte[] body = request.body().orElse(null);
    return new BasicRequestProducer(
        http,
        sendOnce
            ? OneShot.producer(body)
            : body == null ? null : new BasicAsyncEntityProducer(body, null));
  }

  /**
   * The settings of one exchange. It replaces the client's defaults, so it also holds for a client
   * the user built: no redirects, no cookies, no decompression, no protocol upgrade.
   */
  static RequestConfig requestConfig(Duration timeout) {
    // Timeout.ofMilliseconds(0) would mean "no limit"; the client's own timer is the real limit.
    Timeout limit = Timeout.ofMilliseconds(Math.max(1, millis(timeout)));
    return RequestConfig.custom()
        .setRedirectsEnabled(false)
        .setCookieSpec(StandardCookieSpec.IGNORE)
        .setContentCompressionEnabled(false)
        .setProtocolUpgradeEnabled(false)
        .setExpectContinueEnabled(false)
        .setHardCancellationEnabled(true)
        .setConnectionRequestTimeout(limit)
        .setResponseTimeout(limit)
        .build();
  }

  /** The most interim (1xx) responses taken before the final one; the JDK's client allows 8. */
  static final int MAX_INTERIM_RESPONSES = 8;

  static Headers headersOf(Header[] headers) throws HttpTransportException {
    Headers.Builder builder = Headers.builder();
    try {
      for (Header header : headers) {
        builder.add(header.getName(), header.getValue() == null ? "" : header.getValue());
      }
    } catch (IllegalArgumentException e) {
      // A name that is not a token, or a value with CR, LF or NUL, that the parser let through.
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid header: " + e.getMessage(), e);
    }
    return builder.build();
  }

  static HttpTransportException tooManyInterimResponses() {
    return new HttpTransportException(
        Kind.PROTOCOL,
        "more than " + MAX_INTERIM_RESPONSES + " interim (1xx) responses before the final one",
        null);
  }

  /** Returns the duration in whole milliseconds, or about 292 years when it holds more. */
  private static long millis(Duration duration) {
    try {
      return duration.toNanos() / 1_000_000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 1_000_000;
    }
  }

  private static void forEachHeader(TransportRequest request, BiConsumer<String, String> sink) {
    for (Map.Entry<String, List<String>> field : request.headers().asMap().entrySet()) {
      String name = field.getKey();
      if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)
          || HttpHeaders.TRANSFER_ENCODING.equalsIgnoreCase(name)) {
        // HttpClient frames the body itself and refuses a request that already carries these.
        LOG.debug("Header {} is set by HttpClient from the body; the given one is not sent", name);
        continue;
      }
      field.getValue().forEach(value -> sink.accept(name, value));
    }
  }

  /**
   * Request bodies HttpClient will not send twice. The clients this transport builds never retry; a
   * caller's client may: {@code DefaultHttpRequestRetryStrategy} re-sends on 429 and 503 whatever
   * the method, and on some I/O errors. Its retry steps ({@code HttpRequestRetryExec} and the async
   * one) give up on a body that is not repeatable, so on a caller's client every request carries
   * one; a status query an empty one ({@code Content-Length: 0}), which HTTP allows on a GET.
   */
  private static final class OneShot {

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

  /**
   * A request header whose {@link #toString()} hides its value. HttpClient's debug header log
   * ({@code org.apache.hc.client5.http.headers}) prints headers through {@code toString()}, and the
   * request carries the private key in {@code Authorization}; the wire gets {@link #getValue()}.
   */
  private static final class RedactedHeader implements Header {

    private static final Set<String> SENSITIVE =
        Set.of("authorization", "proxy-authorization", "cookie");

    private final String name;
    private final String value;

    RedactedHeader(String name, String value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getValue() {
      return value;
    }

    @Override
    public boolean isSensitive() {
      // Tells HTTP/2's HPACK never to index it; HTTP/1.1 ignores it.
      return SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return name + ": <redacted>";
    }
  }
}
