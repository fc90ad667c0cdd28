package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that answers from a queue of outcomes without any network, for tests of the engine's
 * decisions. When the queue is empty it answers 200 with {@code {"status":"Completed"}}.
 */
final class InMemoryTransport implements HttpTransport {

  private final Deque<Object> outcomes = new ArrayDeque<>();
  private final List<TransportRequest> requests = new ArrayList<>();

  synchronized InMemoryTransport respond(int status, String body) {
    outcomes.add(
        TransportResponse.of(
            status,
            Headers.builder().add("x-ik-requestId", "ik-" + outcomes.size()).build(),
            body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  synchronized InMemoryTransport respond(TransportResponse response) {
    outcomes.add(response);
    return this;
  }

  synchronized InMemoryTransport fail(HttpTransportException.Kind kind) {
    outcomes.add(new HttpTransportException(kind, kind + " in test", null));
    return this;
  }

  /** Queues a failure that the transport's library put on the wire twice. */
  synchronized InMemoryTransport failSentTwice(HttpTransportException.Kind kind) {
    outcomes.add(new HttpTransportException(kind, kind + " sent twice in test", null, 2));
    return this;
  }

  synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized TransportResponse execute(TransportRequest request) throws IOException {
    requests.add(request);
    Object outcome = outcomes.poll();
    if (outcome instanceof HttpTransportException failure && failure.requestsSent() > 1) {
      // The request went out as often as the library says: count each send.
      for (int i = 1; i < failure.requestsSent(); i++) {
        requests.add(request);
      }
    }
    if (outcome instanceof IOException failure) {
      throw failure;
    }
    if (outcome instanceof TransportResponse response) {
      return response;
    }
    return TransportResponse.of(
        200, Headers.empty(), "{\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    try {
      return CompletableFuture.completedFuture(execute(request));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public void close() {}
}
