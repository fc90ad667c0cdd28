package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;

/**
 * One API call as the executor runs it: what to send, whether it may be repeated after the server
 * may have processed it, and how to read a 2xx body.
 *
 * @param <T> the result type
 */
final class Call<T> {

  /** Reads a 2xx response into a result; throws MalformedResponseException when it cannot. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(ResponseMetadata metadata, byte[] body);
  }

  final CallListener.Operation operation;
  final String method;
  final URI uri;
  final Headers headers;
  final byte[] body;
  final boolean idempotent;
  final BodyReader<T> reader;

  Call(
      CallListener.Operation operation,
      String method,
      URI uri,
      Headers headers,
      byte[] body,
      boolean idempotent,
      BodyReader<T> reader) {
    this.operation = operation;
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    this.idempotent = idempotent;
    this.reader = reader;
  }

  TransportRequest request(Duration timeout, int maxResponseBytes, int maxResponseHeaderBytes) {
    return TransportRequest.builder()
        .method(method)
        .uri(uri)
        .headers(headers)
        .body(body)
        .timeout(timeout)
        .maxResponseBytes(maxResponseBytes)
        .maxResponseHeaderBytes(maxResponseHeaderBytes)
        .build();
  }

  /** Returns the method and path, for logs and messages. */
  String describe() {
    return method + ' ' + uri.getRawPath();
  }
}
