package io.github.ikpurge.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small control endpoint, on a port of its own, that scripts a simulator running in another
 * process (such as a container): {@code SimulatorMain} starts it only when given {@code
 * --control-port}. It never shares the API's port, so the API's answers and journal are untouched.
 *
 * <ul>
 *   <li>{@code POST /scripts} {@code
 *       {"endpoint":"STATUS","status":503,"message":"...","help":"...",
 *       "body":"...","headers":{"Retry-After":"1"},"delayMs":100}}: {@link
 *       ImageKitSimulator#enqueue(Endpoint, ScriptedResponse)}; with {@code message}, the body is
 *       ImageKit's error body; without {@code endpoint}, the next request of any kind.
 *   <li>{@code POST /faults} {@code {"endpoint":"STATUS","fault":"DROPPED_CONNECTION"}}: {@link
 *       ImageKitSimulator#enqueueFault(Endpoint, Fault)}.
 *   <li>{@code GET /journal}: the requests received per endpoint, the rate-limit refusals and the
 *       scripts not yet served, the purges accepted and the 429s sent (both counted past the
 *       journal's capacity), as one JSON object of numbers.
 *   <li>{@code POST /reset}: {@link ImageKitSimulator#reset()}.
 * </ul>
 */
final class SimulatorControl implements AutoCloseable {

  private final ImageKitSimulator simulator;
  private final HttpServer server;
  private final JsonCodec json = BuiltInJsonCodec.create();

  private SimulatorControl(ImageKitSimulator simulator, HttpServer server) {
    this.simulator = simulator;
    this.server = server;
  }

  /**
   * Starts a control endpoint for a simulator.
   *
   * @param simulator the simulator to script
   * @param host the address to listen on
   * @param port the port; 0 picks a free one
   * @return the running endpoint
   * @throws UncheckedIOException if the server cannot start
   */
  static SimulatorControl start(ImageKitSimulator simulator, InetAddress host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("the control endpoint could not start on port " + port, e);
    }
    SimulatorControl control = new SimulatorControl(simulator, server);
    server.createContext("/", control::handle);
    server.start();
    return control;
  }

  /** Returns the port the endpoint listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readNBytes(SimulatorHandler.MAX_REQUEST_BYTES);
      try {
        switch (route) {
          case "POST /scripts" -> script(json.readObject(body));
          case "POST /faults" -> fault(json.readObject(body));
          case "POST /reset" -> simulator.reset();
          case "GET /journal" -> {
            answer(exchange, 200, journal());
            return;
          }
          default -> {
            answer(exchange, 404, error("no such control route: " + route));
            return;
          }
        }
        exchange.sendResponseHeaders(204, -1);
      } catch (RuntimeException e) {
        answer(exchange, 400, error(String.valueOf(e.getMessage())));
      }
    }
  }

  private void script(Map<String, Object> fields) {
    int status = number(fields, "status", -1);
    ScriptedResponse response;
    if (fields.get("message") instanceof String message) {
      response =
          ScriptedResponse.error(
              status, message, fields.get("help") instanceof String help ? help : null);
    } else {
      response = ScriptedResponse.status(status);
      if (fields.get("body") instanceof String text) {
        response = response.withBody(text);
      }
    }
    if (fields.get("headers") instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> header : headers.entrySet()) {
        response = response.withHeader(header.getKey().toString(), header.getValue().toString());
      }
    }
    response = response.withDelay(Duration.ofMillis(number(fields, "delayMs", 0)));
    Endpoint endpoint = endpoint(fields, false);
    if (endpoint == null) {
      simulator.enqueue(response);
    } else {
      simulator.enqueue(endpoint, response);
    }
  }

  private void fault(Map<String, Object> fields) {
    Object name = fields.get("fault");
    if (!(name instanceof String text)) {
      throw new IllegalArgumentException("fault must be one of " + List.of(Fault.values()));
    }
    simulator.enqueueFault(endpoint(fields, true), Fault.valueOf(text.toUpperCase(Locale.ROOT)));
  }

  private String journal() {
    Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
    for (Endpoint endpoint : Endpoint.values()) {
      counts.put(endpoint, 0);
    }
    int rateLimited = 0;
    for (RecordedRequest request : simulator.journal()) {
      counts.merge(request.endpoint(), 1, Integer::sum);
      if (request.fault().filter(Fault.RATE_LIMITED::equals).isPresent()) {
        rateLimited++;
      }
    }
    StringBuilder out = new StringBuilder("{");
    counts.forEach(
        (endpoint, count) ->
            out.append('"').append(endpoint).append("\":").append(count).append(','));
    return out.append("\"rateLimited\":")
        .append(rateLimited)
        .append(",\"pendingScripts\":")
        .append(simulator.pendingScripts())
        .append(",\"acceptedPurges\":")
        .append(simulator.acceptedPurges())
        .append(",\"rateLimitedResponses\":")
        .append(simulator.rateLimitedResponses())
        .append('}')
        .toString();
  }

  private static Endpoint endpoint(Map<String, Object> fields, boolean required) {
    Object name = fields.get("endpoint");
    if (name == null && !required) {
      return null;
    }
    if (!(name instanceof String text)) {
      throw new IllegalArgumentException("endpoint must be one of " + List.of(Endpoint.values()));
    }
    return Endpoint.valueOf(text.toUpperCase(Locale.ROOT));
  }

  private static int number(Map<String, Object> fields, String name, int fallback) {
    Object value = fields.get(name);
    if (value == null && fallback >= 0) {
      return fallback;
    }
    if (!(value instanceof BigDecimal number)) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    return number.intValueExact();
  }

  private String error(String message) {
    return new String(json.writeObject(Map.of("message", message)), StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the endpoint at once. */
  @Override
  public void close() {
    server.stop(0);
  }
}
