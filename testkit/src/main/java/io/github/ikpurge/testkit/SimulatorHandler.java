package io.github.ikpurge.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Answers one exchange as ImageKit's purge API would, or with a scripted response, a fault or a
 * rate-limit refusal.
 */
final class SimulatorHandler implements HttpHandler {

  static final String HELP = "For support kindly contact us at support@imagekit.io .";
  static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final String STATUS_PREFIX = "/v1/files/purge/";
  private static final String BAD_GATEWAY_PAGE =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad"
          + " Gateway</h1></center><hr><center>nginx</center></body></html>";

  private final SimulatorState state;
  private final JsonCodec json = BuiltInJsonCodec.create();

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
      Endpoint endpoint = Endpoint.of(method, path);
      SimulatorState.Script script = state.takeScript(endpoint);
      Fault fault = script != null ? script.fault() : state.nextFault(endpoint);
      long resetMillis =
          script == null && fault == null && endpoint != Endpoint.OTHER
              ? state.overRateLimit()
              : -1;
      boolean limited = resetMillis >= 0;
      state.record(
          new RecordedRequest(
              method,
              exchange.getRequestURI().toString(),
              path,
              exchange.getRequestURI().getRawQuery(),
              Headers.of(exchange.getRequestHeaders()),
              body == null ? new byte[0] : body,
              Instant.now(),
              ikRequestId,
              limited ? Fault.RATE_LIMITED : fault));
      ScriptedResponse answer;
      if (script != null && script.response() != null) {
        answer = script.response();
      } else if (fault != null && replacesTheAnswer(fault)) {
        answer = faultAnswer(fault, endpoint);
      } else if (limited) {
        answer =
            rateLimited(resetMillis, state.rateLimitRequests(), state.rateLimitIntervalMillis());
      } else {
        answer = answer(exchange, endpoint, path, body);
        if (fault != null) {
          answer = wrap(fault, answer);
        }
      }
      serve(exchange, answer, ikRequestId);
    }
  }

  private static boolean replacesTheAnswer(Fault fault) {
    return switch (fault) {
      case SLOW_HEADERS, SLOW_BODY, CUT_BODY -> false;
      default -> true;
    };
  }

  /** {@return what the API itself would answer} */
  private ScriptedResponse answer(
      HttpExchange exchange, Endpoint endpoint, String path, byte[] body) {
    if (body == null) {
      return error(413, "Request body too large.");
    }
    String authError = checkAuthorization(exchange.getRequestHeaders().getFirst("Authorization"));
    if (authError != null) {
      return error(authError.startsWith("Your request does not contain") ? 401 : 403, authError);
    }
    return switch (endpoint) {
      case PURGE -> purge(body);
      case STATUS -> status(path.substring(STATUS_PREFIX.length()));
      case OTHER -> error(404, "Not found.");
    };
  }

  private ScriptedResponse purge(byte[] body) {
    Object url;
    try {
      url = json.readObject(body).get("url");
    } catch (RuntimeException e) {
      return error(400, "Your request body is not valid JSON.");
    }
    if (!(url instanceof String text) || !isPurgeableUrl(text)) {
      return error(
          400,
          "Your request contains invalid value for url parameter: it must be an absolute http(s)"
              + " URL, with a wildcard * only at its end.");
    }
    String requestId = state.acceptPurge(text);
    if (requestId == null) {
      return error(
          403,
          "You have exceeded the monthly purge quota of "
              + state.purgeQuota()
              + " requests for your account. Wait until next month or upgrade your plan.");
    }
    return json(state.purgeStatus, Map.of("requestId", requestId));
  }

  private ScriptedResponse status(String requestId) {
    PurgeCacheStatus status = state.poll(requestId);
    if (status == null) {
      return error(state.unknownRequestIdStatus, "No request found for this requestId.");
    }
    return json(200, Map.of("status", status.value()));
  }

  private ScriptedResponse faultAnswer(Fault fault, Endpoint endpoint) {
    FaultMix mix = state.faultSettings();
    return switch (fault) {
      case SERVER_ERROR -> error(500, "Internal server error.");
      case BURST_OF_503 -> error(503, "Service temporarily unavailable.");
      case BAD_GATEWAY_HTML ->
          ScriptedResponse.status(502)
              .withHeader("Content-Type", "text/html")
              .withBody(BAD_GATEWAY_PAGE);
      // A played 429 names no limit of its own: a client that learns limits from 429s would
      // otherwise pace itself to a limit the account does not have.
      case RATE_LIMITED ->
          state.rateLimitRequests() > 0
              ? rateLimited(
                  mix.rateLimitReset().toMillis(),
                  state.rateLimitRequests(),
                  state.rateLimitIntervalMillis())
              : error(429, "Too many requests.")
                  .withHeader("X-RateLimit-Reset", Long.toString(mix.rateLimitReset().toMillis()));
      case DROPPED_CONNECTION -> ScriptedResponse.dropConnection();
      case TRUNCATED_JSON -> ScriptedResponse.json(200, "{\"status\":\"Pend");
      case OVERSIZED_BODY -> {
        byte[] big = new byte[mix.oversizedBytes()];
        Arrays.fill(big, (byte) ' ');
        byte[] start = "{\"status\":\"Pending\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, big, 0, Math.min(start.length, big.length));
        big[big.length - 1] = '}';
        yield ScriptedResponse.status(200)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(big);
      }
      case SLOW_HEADERS, SLOW_BODY, CUT_BODY ->
          throw new IllegalStateException(fault + " wraps the answer");
    };
  }

  private ScriptedResponse wrap(Fault fault, ScriptedResponse answer) {
    Duration slow = state.faultSettings().slowDelay();
    return switch (fault) {
      case SLOW_HEADERS -> answer.withDelay(slow);
      case SLOW_BODY -> answer.withBodyDelay(slow);
      case CUT_BODY ->
          answer.bodyBytes().length > 1 ? answer.cutAfter(answer.bodyBytes().length / 2) : answer;
      default -> throw new IllegalStateException(fault + " replaces the answer");
    };
  }

  private ScriptedResponse rateLimited(long resetMillis, long limit, long intervalMillis) {
    return error(429, "Too many requests.")
        .withHeader("X-RateLimit-Limit", Long.toString(limit))
        .withHeader("X-RateLimit-Reset", Long.toString(resetMillis))
        .withHeader("X-RateLimit-Interval", Long.toString(intervalMillis));
  }

  /** {@return null when the header names a known key, else the error message to answer with} */
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
    String lower = url.toLowerCase(Locale.ROOT);
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

  private ScriptedResponse error(int status, String message) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("message", message);
    fields.put("help", HELP);
    return json(status, fields);
  }

  private ScriptedResponse json(int status, Map<String, String> fields) {
    return ScriptedResponse.json(
        status, new String(json.writeObject(fields), StandardCharsets.UTF_8));
  }

  private void serve(HttpExchange exchange, ScriptedResponse answer, String ikRequestId)
      throws IOException {
    if (!pause(answer.delay())) {
      return;
    }
    if (answer.dropsConnection()) {
      // Closing an exchange that sent no headers makes the server close the connection unanswered.
      return;
    }
    com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
    answer.headers().asMap().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
    if (!answer.headers().contains("x-ik-requestId")) {
      out.add("x-ik-requestId", ikRequestId);
    }
    byte[] body = answer.bodyBytes();
    int status = answer.statusCode();
    if (status == 429) {
      state.countRateLimited();
    }
    if (body.length == 0 || status == 204 || status == 304 || status < 200) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, answer.isChunked() ? 0 : body.length);
    OutputStream stream = exchange.getResponseBody();
    if (!answer.bodyDelay().isZero()) {
      stream.flush();
      if (!pause(answer.bodyDelay())) {
        return;
      }
    }
    int length = answer.cutAfterBytes() >= 0 ? answer.cutAfterBytes() : body.length;
    stream.write(body, 0, length);
    stream.flush();
    if (answer.cutAfterBytes() >= 0) {
      // Too few bytes for the announced length: failing now makes the server drop the connection.
      throw new IOException("connection cut after " + length + " body bytes, as scripted");
    }
    stream.close();
  }

  private static boolean pause(Duration delay) {
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
