package io.github.ikpurge.it;

import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Scripts a simulator in a container through its control endpoint ({@code --control-port}): queue
 * responses and faults, read the journal's counts, reset it. Every request is bounded in time.
 */
final class SimulatorControlClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  SimulatorControlClient(URI base) {
    this.base = base;
  }

  /** What the simulator has received since it started or was last reset. */
  record Journal(int purge, int status, int other, int rateLimited, int pendingScripts) {}

  /**
   * Queues an ImageKit error response ({@code {"message":..,"help":..}}) for the next request to an
   * endpoint.
   */
  void enqueueError(Endpoint endpoint, int status, String message, String help) {
    enqueueError(endpoint, status, message, help, Map.of());
  }

  /** Queues an ImageKit error response with extra headers for the next request to an endpoint. */
  void enqueueError(
      Endpoint endpoint, int status, String message, String help, Map<String, String> headers) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"endpoint\":").append(quote(endpoint.name()));
    json.append(",\"status\":").append(status);
    json.append(",\"message\":").append(quote(message));
    if (help != null) {
      json.append(",\"help\":").append(quote(help));
    }
    if (!headers.isEmpty()) {
      json.append(",\"headers\":").append(object(headers));
    }
    send("POST", "/scripts", json.append('}').toString());
  }

  /** Queues a JSON response that comes only after a delay, for the next request to an endpoint. */
  void enqueueDelayedJson(Endpoint endpoint, int status, String body, Duration delay) {
    send(
        "POST",
        "/scripts",
        "{\"endpoint\":"
            + quote(endpoint.name())
            + ",\"status\":"
            + status
            + ",\"body\":"
            + quote(body)
            + ",\"headers\":{\"Content-Type\":\"application/json\"},\"delayMs\":"
            + delay.toMillis()
            + "}");
  }

  /** Plays a fault on the next request to an endpoint. */
  void enqueueFault(Endpoint endpoint, Fault fault) {
    send(
        "POST",
        "/faults",
        "{\"endpoint\":" + quote(endpoint.name()) + ",\"fault\":" + quote(fault.name()) + "}");
  }

  /** Forgets the journal, the scripts and every purge. */
  void reset() {
    send("POST", "/reset", null);
  }

  /** Returns the journal's counts. */
  Journal journal() {
    Map<String, Object> counts =
        BuiltInJsonCodec.create()
            .readObject(send("GET", "/journal", null).getBytes(StandardCharsets.UTF_8));
    return new Journal(
        count(counts, "PURGE"),
        count(counts, "STATUS"),
        count(counts, "OTHER"),
        count(counts, "rateLimited"),
        count(counts, "pendingScripts"));
  }

  /**
   * Waits until the control endpoint answers, after a (re)start.
   *
   * @param limit the longest wait
   * @throws IllegalStateException if it does not answer in time
   */
  void awaitReady(Duration limit) {
    awaitTrue(
        () -> {
          try {
            journal();
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        },
        limit,
        "the simulator's control endpoint at " + base + " to answer");
  }

  /**
   * Polls a condition every 20 ms until it holds.
   *
   * @throws IllegalStateException if it does not hold within the limit
   */
  static void awaitTrue(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("waited " + limit.toMillis() + " ms for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private String send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static int count(Map<String, Object> counts, String name) {
    return ((BigDecimal) counts.get(name)).intValueExact();
  }

  private static String object(Map<String, String> members) {
    return new String(
        BuiltInJsonCodec.create().writeObject(new LinkedHashMap<>(members)),
        StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    String json =
        new String(
            BuiltInJsonCodec.create().writeObject(Map.of("v", text)), StandardCharsets.UTF_8);
    return json.substring("{\"v\":".length(), json.length() - 1);
  }
}
