package io.github.ikpurge.bulk;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The purge API in memory, at the transport port: a purge answers 201 with the id {@code id-<url>}
 * unless {@link #answer} scripts a status for its URL; a status poll answers {@code Completed}.
 * Answers come from a pool of threads, as a real transport's do, and every request is counted per
 * URL.
 */
final class FakeApi implements HttpTransport {

  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> purges = new ConcurrentHashMap<>();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final List<String> order = new ArrayList<>();
  private volatile Function<String, CompletableFuture<Void>> gate =
      url -> CompletableFuture.completedFuture(null);

  /** Answers a purge of {@code url} with {@code status} and an ImageKit error body. */
  FakeApi answer(String url, int status) {
    statuses.put(url, status);
    return this;
  }

  /** Holds each purge's answer until the future {@code gate} returns for its URL completes. */
  FakeApi gate(Function<String, CompletableFuture<Void>> gate) {
    this.gate = gate;
    return this;
  }

  int purgesOf(String url) {
    AtomicInteger count = purges.get(url);
    return count == null ? 0 : count.get();
  }

  int purges() {
    return purges.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int polls() {
    return polls.get();
  }

  int mostInFlight() {
    return mostInFlight.get();
  }

  synchronized List<String> order() {
    return List.copyOf(order);
  }

  @Override
  public String name() {
    return "fake-api";
  }

  @Override
  public TransportResponse execute(TransportRequest request) {
    return answer(request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    if (request.method().equals("GET")) {
      return CompletableFuture.supplyAsync(() -> answer(request), threads);
    }
    String url = urlOf(request);
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    return gate.apply(url)
        .thenApplyAsync(
            ignored -> {
              inFlight.decrementAndGet();
              return answer(request);
            },
            threads);
  }

  private TransportResponse answer(TransportRequest request) {
    if (request.method().equals("GET")) {
      polls.incrementAndGet();
      return json(200, "{\"status\":\"Completed\"}");
    }
    String url = urlOf(request);
    synchronized (this) {
      order.add(url);
    }
    Integer status = statuses.get(url);
    if (status != null) {
      return json(status, "{\"message\":\"scripted " + status + "\",\"help\":\"\"}");
    }
    purges.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
    return json(201, "{\"requestId\":\"id-" + ids.incrementAndGet() + "\"}");
  }

  private static String urlOf(TransportRequest request) {
    byte[] body = request.body().orElseThrow();
    return (String) BuiltInJsonCodec.create().readObject(body).get("url");
  }

  private static TransportResponse json(int status, String body) {
    return TransportResponse.of(
        status,
        Headers.builder().add("Content-Type", "application/json").build(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
