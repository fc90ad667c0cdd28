package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.ProtocolException;

/** Maps HttpClient's failures to the SPI's {@link Kind}s. */
final class Failures {

  private Failures() {}

  static HttpTransportException map(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    HttpTransportException known = find(cause, HttpTransportException.class);
    if (known != null) {
      return known;
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    // TLS first: a handshake fails inside the connect step, and that is not a refused connection.
    if (find(cause, SSLException.class) != null) {
      return new HttpTransportException(Kind.TLS, message, cause);
    }
    // ConnectTimeoutException is a SocketTimeoutException, but nothing was sent: CONNECT.
    if (find(cause, ConnectTimeoutException.class) != null) {
      return new HttpTransportException(Kind.CONNECT, "connect timed out: " + message, cause);
    }
    if (find(cause, ConnectException.class) != null
        || find(cause, NoRouteToHostException.class) != null
        || find(cause, UnknownHostException.class) != null
        || find(cause, UnresolvedAddressException.class) != null) {
      return new HttpTransportException(Kind.CONNECT, "connection failed: " + message, cause);
    }
    // The pool wait and the read limit are set to the exchange's time limit.
    if (find(cause, ConnectionRequestTimeoutException.class) != null
        || find(cause, SocketTimeoutException.class) != null) {
      return new HttpTransportException(Kind.TIMEOUT, message, cause);
    }
    // A header line or count over the limits of HEADER_LIMITS: an oversized header section.
    if (find(cause, MessageConstraintException.class) != null) {
      return new HttpTransportException(Kind.HEADERS_TOO_LARGE, message, cause);
    }
    // A status line, header or framing HttpClient cannot parse, or bad chunking; HttpCore refuses
    // some values (a status of 0) with an IllegalArgumentException while building the message.
    if (find(cause, ProtocolException.class) != null
        || find(cause, MalformedChunkCodingException.class) != null
        || find(cause, IllegalArgumentException.class) != null) {
      return new HttpTransportException(Kind.PROTOCOL, message, cause);
    }
    return new HttpTransportException(Kind.IO, message, cause);
  }

  static HttpTransportException tooLarge(int maxBytes) {
    return new HttpTransportException(
        Kind.RESPONSE_TOO_LARGE, "response body larger than " + maxBytes + " bytes", null);
  }

  static HttpTransportException cancelled() {
    return new HttpTransportException(Kind.IO, "the exchange was cancelled", null);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
