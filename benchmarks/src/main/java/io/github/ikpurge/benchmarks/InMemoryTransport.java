package io.github.ikpurge.benchmarks;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A transport that answers every request with one canned status response, with no I/O. */
final class InMemoryTransport implements HttpTransport {

  private final TransportResponse response =
      TransportResponse.of(
          200,
          Headers.builder()
              .add("Content-Type", "application/json; charset=utf-8")
              .add("x-ik-requestId", "5f0c1e8a9d3b4c2a1e0f9d8c")
              .add("Date", "Fri, 27 Nov 2026 09:00:00 GMT")
              .build(),
          "{\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8));

  @Override
  public TransportResponse execute(TransportRequest request) {
    return response;
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public void close() {}
}
