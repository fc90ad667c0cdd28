package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Converts the SPI's request and headers to HttpClient's messages and back. */
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
    Timeout limit = Timeout.ofMilliseconds(Math.max(1, Timers.nanos(timeout) / 1_000_000));
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
}
