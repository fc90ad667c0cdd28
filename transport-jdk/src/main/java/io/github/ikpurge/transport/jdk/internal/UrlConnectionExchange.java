package io.github.ikpurge.transport.jdk.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One blocking exchange on an {@link HttpURLConnection}, run on the caller's thread. It keeps no
 * time: the client aborts it. An abort is recorded at once; a thread of {@link
 * UrlConnectionEngine#ABORTS} then disconnects the connection until the exchange has ended, since a
 * disconnect made while the socket still connects does nothing, and one made while the body is read
 * waits for the read in progress. That read ends at the latest at the socket read timeout, which is
 * why the request's time limit is set as one.
 */
final class UrlConnectionExchange implements HttpTransport.Exchange {

  private static final byte[] NO_BYTES = new byte[0];
  private static final int CHUNK = 8192;

  /** The longest pause between two disconnects of an aborted exchange's connection. */
  private static final long MAX_ABORT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** The methods HttpURLConnection sends a body with; a request of these is always streamed. */
  private static final List<String> BODY_METHODS = List.of("POST", "PUT");

  private final UrlConnectionEngine engine;
  private final TransportRequest request;
  private final Object lock = new Object();

  // Guarded by lock.
  private boolean started;
  private boolean aborted;
  private boolean finished;
  private HttpURLConnection connection;

  UrlConnectionExchange(UrlConnectionEngine engine, TransportRequest request) {
    this.engine = engine;
    this.request = request;
  }

  @Override
  public TransportResponse call() throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending " + request.method());
    }
    try {
      return send();
    } catch (IOException | RuntimeException e) {
      boolean wasAborted = finish();
      if (Thread.interrupted()) {
        // The caller's interrupt, which the client's abort followed.
        InterruptedException interrupted =
            new InterruptedException("interrupted during " + request.method() + " exchange");
        interrupted.initCause(e);
        throw interrupted;
      }
      if (wasAborted) {
        throw new HttpTransportException(Kind.IO, "the exchange was aborted", e);
      }
      if (e instanceof IOException io) {
        throw UrlConnectionFailures.classify(io, connectClipped());
      }
      throw new HttpTransportException(Kind.IO, "HttpURLConnection failed: " + e, e);
    } finally {
      finish();
    }
  }

  @Override
  public void abort() {
    synchronized (lock) {
      if (aborted || finished) {
        return;
      }
      aborted = true;
      if (!started) {
        return;
      }
    }
    UrlConnectionEngine.ABORTS.execute(this::disconnectUntilFinished);
  }

  private TransportResponse send() throws IOException {
    String method = request.method();
    byte[] body = request.body().orElse(null);
    if (body != null && body.length == 0 && !BODY_METHODS.contains(method)) {
      body = null;
    }
    if (body != null && ("GET".equals(method) || "HEAD".equals(method))) {
      // HttpURLConnection silently turns a GET with a body into a POST; our refusal, unsent.
      throw new HttpTransportException(
          Kind.IO, "HttpURLConnection cannot send a " + method + " with a body", null);
    }
    // Streaming mode, so a body goes out with a fixed length: buffered, HttpURLConnection silently
    // sends a POST again when the connection drops before the response, and a purge spends quota.
    // Streaming costs the body of a 401 or 407 (the status still comes back).
    boolean streamed = body != null || BODY_METHODS.contains(method);
    HttpURLConnection opened = engine.open(request.uri().toURL());
    synchronized (lock) {
      if (aborted) {
        throw new HttpTransportException(Kind.IO, "the exchange was aborted", null);
      }
      started = true;
      connection = opened;
    }
    try {
      opened.setRequestMethod(method);
    } catch (ProtocolException e) {
      throw new HttpTransportException(
          Kind.IO, "HttpURLConnection cannot send the HTTP method " + method, e);
    }
    setUp(opened);
    if (streamed) {
      byte[] bytes = body == null ? NO_BYTES : body;
      opened.setDoOutput(true);
      opened.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = opened.getOutputStream()) {
        // An abort that came while the socket connected could not disconnect it: the body (a
        // purge) must not go out after the deadline.
        if (isAborted()) {
          opened.disconnect();
          throw new HttpTransportException(Kind.IO, "the exchange was aborted", null);
        }
        out.write(bytes);
      }
    }
    int status = readHead(opened, streamed);
    try {
      return read(opened, status);
    } catch (IOException | RuntimeException e) {
      // Disconnected, not closed: closing a body left unread hands it to the keep-alive cache.
      opened.disconnect();
      throw e;
    }
  }

  private void setUp(HttpURLConnection opened) {
    long limit = timeoutNanos();
    // A timeout of 0 means "wait forever" to HttpURLConnection: never round down to it.
    long readMillis = Math.min(Integer.MAX_VALUE, Math.max(1, (limit + 999_999) / 1_000_000));
    long connectMillis =
        Math.min(Integer.MAX_VALUE, Math.max(1, engine.connectTimeout().toMillis()));
    opened.setConnectTimeout((int) Math.min(connectMillis, readMillis));
    opened.setReadTimeout((int) readMillis);
    request
        .headers()
        .asMap()
        .forEach(
            (name, values) -> {
              // HttpURLConnection frames the body itself, and drops this header anyway.
              if (!name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> opened.addRequestProperty(name, value));
              }
            });
    if (engine.userAgent() != null && request.headers().firstValue("User-Agent").isEmpty()) {
      opened.setRequestProperty("User-Agent", engine.userAgent());
    }
  }

  /** Sends the request (unless streamed already) and reads the status line and headers. */
  private int readHead(HttpURLConnection opened, boolean streamed) throws IOException {
    int status;
    try {
      status = opened.getResponseCode();
      if (status >= 200 && status < 400) {
        // getResponseCode() keeps quiet about a head that failed once its status line was read
        // (a reset inside the header section, after the silent resend); getInputStream() throws
        // it, and must do so here, where a resend is counted.
        opened.getInputStream();
      }
    } catch (StackOverflowError e) {
      // HttpURLConnection reads each 100 Continue by calling itself again: an endless run of them
      // overflows the stack. The connection is left mid-response, so it goes.
      opened.disconnect();
      throw new HttpTransportException(
          Kind.PROTOCOL, "an endless run of interim 100 Continue responses", null);
    } catch (IOException e) {
      opened.disconnect();
      if (!isAborted() && UrlConnectionFailures.resent(streamed, e)) {
        throw new HttpTransportException(
            UrlConnectionFailures.classify(e, connectClipped()).kind(),
            String.valueOf(e.getMessage()),
            e,
            2);
      }
      throw e;
    }
    if (status < 0) {
      opened.disconnect();
      throw new HttpTransportException(Kind.PROTOCOL, "an unreadable status line", null);
    }
    return status;
  }

  private TransportResponse read(HttpURLConnection opened, int status) throws IOException {
    if (status < 100 || status > 999) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid HTTP status " + status, null);
    }
    if (status < 200) {
      // Java 17's HttpURLConnection skips 100 Continue only: any other 1xx comes back as if it
      // were final, with the real response still unread on the connection.
      throw new HttpTransportException(
          Kind.PROTOCOL, "an interim " + status + " response was taken for the final one", null);
    }
    Headers headers = headersInWireOrder(opened);
    request.checkResponseHead(headers);
    long declared = headers.firstValue("Content-Length").map(Long::parseLong).orElse(-1L);
    int maxBytes = request.maxResponseBytes();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    InputStream in = status >= 400 ? opened.getErrorStream() : opened.getInputStream();
    if (in == null) {
      // An error response with no body, or one HttpURLConnection dropped (a 401 when streaming).
      return TransportResponse.of(status, headers, NO_BYTES);
    }
    try (InputStream body = in) {
      if (!mayHaveBody(status)) {
        return TransportResponse.of(status, headers, NO_BYTES);
      }
      return TransportResponse.of(status, headers, readBody(body, declared, maxBytes));
    }
  }

  private byte[] readBody(InputStream in, long declared, int maxBytes) throws IOException {
    long capacityLimit = Math.min((long) maxBytes + 1, Integer.MAX_VALUE - 8);
    // One byte past what is expected: the read that meets the end has room, or shows excess.
    int initial = (int) Math.min(capacityLimit, declared >= 0 ? declared + 1 : CHUNK);
    byte[] buffer = new byte[Math.max(initial, 1)];
    int size = 0;
    while (true) {
      if (isAborted()) {
        // Checked between reads: a body trickling in keeps an aborted exchange alive otherwise.
        throw new HttpTransportException(Kind.IO, "the exchange was aborted", null);
      }
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
    // HttpURLConnection reports a body cut short as a plain end of stream, and decodes no
    // Content-Encoding: fewer bytes than declared means the body was cut.
    if (declared >= 0 && size < declared) {
      throw new HttpTransportException(
          Kind.IO, "the response body ended after " + size + " of " + declared + " bytes", null);
    }
    return size == 0 ? NO_BYTES : Arrays.copyOf(buffer, size);
  }

  private boolean mayHaveBody(int status) {
    // RFC 9110: no content in a HEAD response, a 204 or 304, whatever Content-Length says.
    return !"HEAD".equals(request.method()) && status != 204 && status != 304;
  }

  /** Returns the headers in the wire's order; a line after the status with no name is refused. */
  private static Headers headersInWireOrder(HttpURLConnection opened)
      throws HttpTransportException {
    // getHeaderFields() lists the values of a repeated header in reverse; index order is the
    // wire's.
    Headers.Builder builder = Headers.builder();
    try {
      for (int i = 0; ; i++) {
        String value = opened.getHeaderField(i);
        if (value == null) {
          return builder.build();
        }
        String name = opened.getHeaderFieldKey(i);
        if (name != null) {
          builder.add(name, value);
        } else if (i > 0) {
          // The status line is the only line without a name: HttpURLConnection keeps a header
          // line without a colon (or the start of one cut off by the end of the stream) this way.
          throw new HttpTransportException(
              Kind.PROTOCOL, "a header line without a colon, or a header section cut short", null);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid header: " + e.getMessage(), e);
    }
  }

  /** The request's time limit in nanoseconds, at most {@code Long.MAX_VALUE} (about 292 years). */
  private long timeoutNanos() {
    try {
      return request.timeout().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private boolean connectClipped() {
    return request.timeout().compareTo(engine.connectTimeout()) < 0;
  }

  private boolean isAborted() {
    synchronized (lock) {
      return aborted;
    }
  }

  /** Ends the exchange, which stops the aborts; returns whether it was aborted. */
  private boolean finish() {
    synchronized (lock) {
      finished = true;
      return aborted;
    }
  }

  /**
   * Repeats the disconnect until the exchange has ended: one made while the socket was still
   * connecting has no effect, the same call once connected closes the socket.
   */
  private void disconnectUntilFinished() {
    long giveUp = System.nanoTime() + timeoutNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(5);
    while (true) {
      HttpURLConnection opened;
      synchronized (lock) {
        if (finished) {
          return;
        }
        opened = connection;
      }
      if (opened != null) {
        opened.disconnect();
      }
      if (System.nanoTime() - giveUp >= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      pause = Math.min(pause * 2, MAX_ABORT_PAUSE_NANOS);
    }
  }

  private static HttpTransportException tooLarge(int maxBytes) {
    return new HttpTransportException(
        Kind.RESPONSE_TOO_LARGE, "response body larger than " + maxBytes + " bytes", null);
  }
}
