package io.github.ikpurge.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.domain.RateLimit;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.json.jsonb.JsonbCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.RateLimiter;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The server's outputs, generated: whatever status (200 to 599), headers (odd {@code X-RateLimit-*}
 * and {@code Retry-After} values included) and body (random bytes, random JSON, truncated JSON,
 * HTML, over the size limit) the API answers with, every call ends in a value or one of the
 * documented {@link ImageKitException} subtypes, of the type the status calls for, and well within
 * its deadline; on every transport, with either codec, blocking or not.
 */
class ServerResponsePropertiesTest {

  private static final Duration CALL_TIMEOUT = Duration.ofMillis(800);

  /** The call's own deadline and a margin for a busy machine: a call past it has hung. */
  private static final Duration HANG = CALL_TIMEOUT.plusSeconds(2);

  private static final int LIMIT = 64 * 1024;

  private static final List<Class<? extends ImageKitException>> DOCUMENTED =
      List.of(
          BadRequestException.class,
          UnauthorizedException.class,
          ForbiddenException.class,
          NotFoundException.class,
          TooManyRequestsException.class,
          InternalServerException.class,
          UnknownException.class,
          MalformedResponseException.class,
          ResponseTooLargeException.class,
          ConnectionException.class,
          ImageKitTimeoutException.class);

  private static ImageKitSimulator simulator;
  private static final Map<String, PurgeClient> CLIENTS = new LinkedHashMap<>();

  /** A limiter that never holds a request. */
  private static final RateLimiter UNPACED =
      new RateLimiter() {
        @Override
        public Duration reserve(Duration maxWait) {
          return Duration.ZERO;
        }

        @Override
        public void rateLimited(RateLimit limit) {}
      };

  @BeforeContainer
  static void start() {
    simulator = ImageKitSimulator.start();
    for (String transport : List.of("jdk", "apache", "feign")) {
      for (JsonCodec codec : List.of(BuiltInJsonCodec.create(), JsonbCodec.create())) {
        CLIENTS.put(
            transport + "/" + codec.name(),
            simulator
                .clientBuilder()
                .transport(transport)
                .jsonCodec(codec)
                // Each try stands alone: the account's shared pacing would carry one try's 429
                // (a hold, a learned limit) into the next. Pacing has tests of its own.
                .rateLimiter(UNPACED)
                .attemptTimeout(Duration.ofMillis(500))
                .callTimeout(CALL_TIMEOUT)
                .maxResponseBytes(LIMIT)
                .retryPolicy(
                    RetryPolicy.builder()
                        .maxAttempts(2)
                        .baseDelay(Duration.ofMillis(1))
                        .maxDelay(Duration.ofMillis(5))
                        .build())
                .build());
      }
    }
  }

  @AfterContainer
  static void stop() {
    CLIENTS.values().forEach(PurgeClient::close);
    CLIENTS.clear();
    simulator.close();
  }

  @BeforeTry
  void forgetThePreviousTry() {
    simulator.reset();
  }

  @Property(tries = 400)
  void everyResponseEndsInAValueOrADocumentedExceptionWithinTheDeadline(
      @ForAll("responses") Response response,
      @ForAll("clients") String clientName,
      @ForAll boolean purge,
      @ForAll boolean async)
      throws InterruptedException {
    simulator.enqueue(purge ? Endpoint.PURGE : Endpoint.STATUS, response.scripted());
    PurgeClient client = CLIENTS.get(clientName);

    long started = System.nanoTime();
    Object outcome = call(client, purge, async);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).as("%s took", response).isLessThan(HANG);
    assertThat(outcome).as("%s ended in", response).isNotInstanceOf(TimeoutException.class);
    if (outcome instanceof Throwable failure) {
      assertThat(failure)
          .as("%s on %s failed with", response, clientName)
          .isInstanceOfAny(DOCUMENTED.toArray(Class[]::new));
      expectTheTypeTheStatusCallsFor(
          response, bodyMayBeLost(clientName, purge, response), (ImageKitException) failure);
    } else if (response.status < 300
        && (response.body.length <= LIMIT || !response.mayHaveABody())) {
      assertThat(outcome).isInstanceOfAny(PurgeResult.class, PurgeStatusResult.class);
    }
  }

  private static Object call(PurgeClient client, boolean purge, boolean async)
      throws InterruptedException {
    String url = "https://ik.imagekit.io/demo/a.jpg";
    try {
      if (!async) {
        return purge ? client.purge(url) : client.status("abc");
      }
      CompletableFuture<?> future =
          purge ? client.async().purge(url) : client.async().status("abc");
      try {
        return future.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (TimeoutException e) {
        future.cancel(true);
        return e;
      }
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  /**
   * Feign's HttpURLConnection streams a request body, and in streaming mode it drops the body of a
   * 401 or 407 (the status still comes back); a documented limit of that transport.
   */
  private static boolean bodyMayBeLost(String clientName, boolean purge, Response response) {
    return clientName.startsWith("feign/")
        && purge
        && (response.status == 401 || response.status == 407);
  }

  /** A status that is not retried decides the exception's type, whatever the body holds. */
  private static void expectTheTypeTheStatusCallsFor(
      Response response, boolean bodyMayBeLost, ImageKitException error) {
    boolean tooLarge = response.body.length > LIMIT && response.mayHaveABody();
    if (tooLarge && !bodyMayBeLost) {
      assertThat(error).isInstanceOf(ResponseTooLargeException.class);
      return;
    }
    Class<?> expected =
        switch (response.status) {
          case 400 -> BadRequestException.class;
          case 401 -> UnauthorizedException.class;
          case 403 -> ForbiddenException.class;
          case 404 -> NotFoundException.class;
          default -> null;
        };
    if (response.status < 300) {
      expected = MalformedResponseException.class;
    } else if (expected == null
        && response.status < 500
        && response.status != 408
        && response.status != 429) {
      expected = UnknownException.class;
    }
    if (expected != null && tooLarge) {
      assertThat(error)
          .as("%s", response)
          .isInstanceOfAny(ResponseTooLargeException.class, expected);
    } else if (expected != null) {
      assertThat(error).as("%s", response).isInstanceOf(expected);
    }
  }

  // ---- Generators ----

  @Provide
  Arbitrary<String> clients() {
    return Arbitraries.of(new ArrayList<>(CLIENTS.keySet()));
  }

  @Provide
  Arbitrary<Response> responses() {
    Arbitrary<Integer> status =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(200, 599)),
            Tuple.of(2, Arbitraries.of(200, 201, 204, 400, 401, 403, 404, 408, 429, 500, 503)));
    Arbitrary<List<String[]>> headers = header().list().ofMaxSize(6);
    return Combinators.combine(status, headers, body()).as((s, h, b) -> new Response(s, h, b));
  }

  private static Arbitrary<String[]> header() {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            Tuple.of(
                4,
                Arbitraries.of(
                    "X-RateLimit-Limit",
                    "X-RateLimit-Reset",
                    "X-RateLimit-Interval",
                    "Retry-After",
                    "x-ratelimit-reset",
                    "RETRY-AFTER",
                    "Content-Type",
                    "x-ik-requestId")),
            Tuple.of(
                1,
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_.!#$%&'*+^`|~")
                    .ofMinLength(1)
                    .ofMaxLength(30)
                    .filter(
                        n ->
                            !n.equalsIgnoreCase("content-length")
                                && !n.equalsIgnoreCase("transfer-encoding")
                                && !n.equalsIgnoreCase("connection"))));
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(
                4,
                Arbitraries.of(
                    "",
                    "0",
                    "1",
                    "20",
                    "-1",
                    " 5 ",
                    "+5",
                    "1.5",
                    "1e3",
                    "0x10",
                    // U+0663 ARABIC-INDIC DIGIT THREE, a digit to Character.isDigit, as
                    // its UTF-8 bytes arrive: one ISO-8859-1 character a byte.
                    "\u00d9\u00a3",
                    "86400",
                    "86401",
                    "86400000",
                    "86400001",
                    "9223372036854775807",
                    "9223372036854775808",
                    "99999999999999999999",
                    "18446744073709552",
                    "10002000000001000",
                    "Fri, 27 Nov 2026 09:00:30 GMT",
                    "Thu, 01 Jan 1970 00:00:00 GMT",
                    "Fri, 31 Dec 9999 23:59:59 GMT",
                    "Sun, 06 Nov 1994 08:49:37 GMT",
                    "Mon, 31 Feb 2026 00:00:00 GMT",
                    "Friday, 27-Nov-26 09:00:30 GMT",
                    "application/json",
                    "text/html; charset=iso-8859-1",
                    "application/json; charset=utf-16")),
            Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
            Tuple.of(1, Arbitraries.strings().numeric().ofMaxLength(25)),
            Tuple.of(
                1, Arbitraries.strings().withCharRange(' ', '~').withChars('\t').ofMaxLength(60)));
    return Combinators.combine(name, value).as((n, v) -> new String[] {n, v});
  }

  private static Arbitrary<byte[]> body() {
    Arbitrary<String> api =
        Arbitraries.of(
            "{\"requestId\":\"598821f949c0a938d57563bd\"}",
            "{\"status\":\"Pending\"}",
            "{\"status\":\"Completed\"}",
            "{\"message\":\"Your request contains invalid ID parameter.\",\"help\":\"For support\"}");
    Arbitrary<String> truncated =
        Combinators.combine(api, Arbitraries.integers().between(0, 60))
            .as((json, cut) -> json.substring(0, Math.min(cut, json.length() - 1)));
    Arbitrary<String> html =
        Arbitraries.of(
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad"
                + " Gateway</h1></center><hr><center>nginx</center></body></html>",
            "<!DOCTYPE html><html><body>Service Unavailable</body></html>",
            "Internal Server Error");
    Arbitrary<byte[]> tooLarge =
        api.map(json -> (json + " ".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(4, api.map(ServerResponsePropertiesTest::utf8)),
        Tuple.of(3, randomJson().map(ServerResponsePropertiesTest::utf8)),
        Tuple.of(2, truncated.map(ServerResponsePropertiesTest::utf8)),
        Tuple.of(2, html.map(ServerResponsePropertiesTest::utf8)),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
        Tuple.of(1, Arbitraries.just(new byte[0])),
        Tuple.of(1, tooLarge));
  }

  /** Random JSON text: mostly objects, sometimes with the fields the API has, of any type. */
  private static Arbitrary<String> randomJson() {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12).map(ServerResponsePropertiesTest::quote),
            Arbitraries.bigDecimals().map(Object::toString),
            Arbitraries.of("true", "false", "null", "1e999999999", "-0", "\"\\ud800\""));
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.of("status", "requestId", "message", "help"),
            Arbitraries.strings()
                .ofMaxLength(8)
                .map(ServerResponsePropertiesTest::quote)
                .map(k -> k.substring(1, k.length() - 1)));
    Arbitrary<String> member =
        Combinators.combine(key, Arbitraries.lazy(() -> value(scalar)))
            .as((k, v) -> "\"" + k + "\":" + v);
    return Arbitraries.frequencyOf(
        Tuple.of(5, member.list().ofMaxSize(5).map(m -> "{" + String.join(",", m) + "}")),
        Tuple.of(1, scalar),
        Tuple.of(1, scalar.list().ofMaxSize(4).map(v -> "[" + String.join(",", v) + "]")));
  }

  private static Arbitrary<String> value(Arbitrary<String> scalar) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalar),
        Tuple.of(1, scalar.list().ofMaxSize(3).map(v -> "[" + String.join(",", v) + "]")),
        Tuple.of(1, scalar.map(v -> "{\"k\":" + v + "}")));
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One generated answer of the API. */
  static final class Response {
    final int status;
    final List<String[]> headers;
    final byte[] body;

    Response(int status, List<String[]> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    /** Whether HTTP lets this status carry a body; the simulator's server drops it if not. */
    boolean mayHaveABody() {
      return status != 204 && status != 304;
    }

    ScriptedResponse scripted() {
      ScriptedResponse response = ScriptedResponse.status(status);
      for (String[] header : headers) {
        response = response.withHeader(header[0], header[1]);
      }
      return response.withBody(body);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("HTTP ").append(status);
      headers.forEach(h -> out.append(", ").append(h[0]).append(": ").append(h[1]));
      String text = new String(body, StandardCharsets.UTF_8);
      return out.append(", body ")
          .append(body.length)
          .append(" bytes: ")
          .append(text.length() > 120 ? text.substring(0, 120) + "..." : text)
          .toString();
    }
  }
}
