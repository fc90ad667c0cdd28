package io.github.ikpurge.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.spi.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers one exchange as ImageKit's purge API would, or with a scripted response. */
final class SimulatorHandler implements HttpHandler {

  static final String HELP = "For support kindly contact us at support@imagekit.io .";
  static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final String STATUS_PREFIX = "/v1/files/purge/";

  private final SimulatorState state;
  private final JsonCodec json = JsonCodec.builtIn();

  SimulatorHandler(SimulatorState state) {
    this.state = state;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String ikRequestId = SimulatorState.newId();
      byte[] body = readBody(exchange.getRequestBody());
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      state.record(
          new RecordedRequest(
              method,
              exchange.getRequestURI().toString(),
              path,
              exchange.getRequestURI().getRawQuery(),
              Headers.of(exchange.getRequestHeaders()),
              body == null ? new byte[0] : body,
              Instant.now(),
              ikRequestId));
      Endpoint endpoint = Endpoint.of(method, path);
      ScriptedResponse script = state.takeScript(endpoint);
      if (script != null) {
        serveScript(exchange, script, ikRequestId);
        return;
      }
      if (body == null) {
        sendError(exchange, 413, "Request body too large.", ikRequestId);
        return;
      }
      String authError = checkAuthorization(exchange.getRequestHeaders().getFirst("Authorization"));
      if (authError != null) {
        int status = authError.startsWith("Your request does not contain") ? 401 : 403;
        sendError(exchange, status, authError, ikRequestId);
        return;
      }
      switch (endpoint) {
        case PURGE -> purge(exchange, body, ikRequestId);
        case STATUS -> status(exchange, path.substring(STATUS_PREFIX.length()), ikRequestId);
        case OTHER -> sendError(exchange, 404, "Not found.", ikRequestId);
      }
    }
  }

  private void purge(HttpExchange exchange, byte[] body, String ikRequestId) throws IOException {
    Object url;
    try {
      url = json.readObject(body).get("url");
    } catch (RuntimeException e) {
      sendError(exchange, 400, "Your request body is not valid JSON.", ikRequestId);
      return;
    }
    if (!(url instanceof String text) || !isPurgeableUrl(text)) {
      sendError(
          exchange,
          400,
          "Your request contains invalid value for url parameter: it must be an absolute http(s)"
              + " URL, with a wildcard * only at its end.",
          ikRequestId);
      return;
    }
    String requestId = state.registerPurge(text);
    sendJson(exchange, state.purgeStatus, Map.of("requestId", requestId), ikRequestId);
  }

  private void status(HttpExchange exchange, String requestId, String ikRequestId)
      throws IOException {
    PurgeCacheStatus status = state.poll(requestId);
    if (status == null) {
      sendError(
          exchange,
          state.unknownRequestIdStatus,
          "No request found for this requestId.",
          ikRequestId);
      return;
    }
    sendJson(exchange, 200, Map.of("status", status.value()), ikRequestId);
  }

  /** Returns null when the header names a known key, else the error message to answer with. */
  private String checkAuthorization(String header) {
    String missing = "Your request does not contain private API key.";
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return missing;
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return missing;
    }
    int colon = credentials.indexOf(':');
    String key = colon < 0 ? credentials : credentials.substring(0, colon);
    if (key.isEmpty()) {
      return missing;
    }
    return state.privateKeys.contains(key) ? null : "Your account cannot be authenticated.";
  }

  static boolean isPurgeableUrl(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    int hostStart;
    if (lower.startsWith("https://")) {
      hostStart = 8;
    } else if (lower.startsWith("http://")) {
      hostStart = 7;
    } else {
      return false;
    }
    if (url.length() == hostStart || "/?#*".indexOf(url.charAt(hostStart)) >= 0) {
      return false;
    }
    int wildcard = url.indexOf('*');
    return wildcard < 0 || wildcard == url.length() - 1;
  }

  private void serveScript(HttpExchange exchange, ScriptedResponse script, String ikRequestId)
      throws IOException {
    if (!pause(script.delay())) {
      return;
    }
    if (script.dropsConnection()) {
      // Closing an exchange that sent no headers makes the server close the connection unanswered.
      return;
    }
    com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
    script.headers().asMap().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
    if (!script.headers().contains("x-ik-requestId")) {
      out.add("x-ik-requestId", ikRequestId);
    }
    byte[] body = script.bodyBytes();
    boolean noBody = body.length == 0 || script.statusCode() == 204 || script.statusCode() == 304;
    if (noBody) {
      exchange.sendResponseHeaders(script.statusCode(), -1);
      return;
    }
    exchange.sendResponseHeaders(script.statusCode(), script.isChunked() ? 0 : body.length);
    OutputStream stream = exchange.getResponseBody();
    if (!script.bodyDelay().isZero()) {
      stream.flush();
      if (!pause(script.bodyDelay())) {
        return;
      }
    }
    int length = script.cutAfterBytes() >= 0 ? script.cutAfterBytes() : body.length;
    stream.write(body, 0, length);
    stream.flush();
    if (script.cutAfterBytes() >= 0) {
      // Too few bytes for the announced length: closing now makes the server drop the connection.
      throw new IOException("connection cut after " + length + " body bytes, as scripted");
    }
    stream.close();
  }

  private static boolean pause(java.time.Duration delay) {
    if (delay.isZero()) {
      return true;
    }
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void sendError(HttpExchange exchange, int status, String message, String ikRequestId)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("message", message);
    fields.put("help", HELP);
    sendJson(exchange, status, fields, ikRequestId);
  }

  private void sendJson(
      HttpExchange exchange, int status, Map<String, String> fields, String ikRequestId)
      throws IOException {
    com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
    out.add("Content-Type", "application/json; charset=utf-8");
    out.add("x-ik-requestId", ikRequestId);
    send(exchange, status, json.writeObject(fields));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean noBody = body.length == 0 || status == 204 || status == 304 || status < 200;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Reads the whole body, or returns null when it is larger than the simulator accepts. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      in.transferTo(OutputStream.nullOutputStream());
      return null;
    }
    return body;
  }
}
