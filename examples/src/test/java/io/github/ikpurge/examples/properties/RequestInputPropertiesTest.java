package io.github.ikpurge.examples.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.RecordedRequest;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * The engine's inputs, generated: valid request ids and purge URLs reach the simulator exactly as
 * given; invalid ones fail with the documented exception, naming the argument, before anything is
 * sent.
 */
class RequestInputPropertiesTest {

  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private static ImageKitSimulator simulator;
  private static PurgeClient client;

  @BeforeContainer
  static void start() {
    simulator = ImageKitSimulator.start();
    client = simulator.clientBuilder().build();
  }

  @AfterContainer
  static void stop() {
    client.close();
    simulator.close();
  }

  @BeforeTry
  void forgetThePreviousTry() {
    simulator.reset();
  }

  @Property(tries = 300)
  void aValidRequestIdReachesTheSimulatorAsThePathSegmentItWas(@ForAll("validIds") String id) {
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, "{\"status\":\"Pending\"}"));

    PurgeStatusResult result = client.status(id);

    assertThat(result.requestId().value()).isEqualTo(id);
    List<RecordedRequest> received = simulator.journal();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).path()).isEqualTo("/v1/files/purge/" + id);
    assertThat(received.get(0).rawQuery()).isNull();
    assertThat(received.get(0).endpoint()).isEqualTo(Endpoint.STATUS);
  }

  @Property(tries = 300)
  void anInvalidRequestIdFailsNamingTheArgumentBeforeAnythingIsSent(
      @ForAll("invalidIds") String id) {
    Throwable sync = catchThrowable(() -> client.status(id));
    Throwable async = catchThrowable(() -> client.async().status(id));
    Throwable wait = catchThrowable(() -> client.async().awaitCompletion(id));

    for (Throwable failure : Arrays.asList(sync, async, wait)) {
      assertThat(failure)
          .as("the failure for %s", id)
          .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
          .hasMessageContaining("requestId");
    }
    assertThat(simulator.journal()).isEmpty();
  }

  @Property(tries = 300)
  void aValidPurgeUrlReachesTheSimulatorAsTheJsonBodyItWas(@ForAll("validUrls") String url) {
    simulator.enqueue(Endpoint.PURGE, ScriptedResponse.json(201, "{\"requestId\":\"r-1\"}"));

    assertThat(client.purge(url).requestId().value()).isEqualTo("r-1");

    List<RecordedRequest> received = simulator.journal();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).endpoint()).isEqualTo(Endpoint.PURGE);
    assertThat(BuiltInJsonCodec.create().readObject(received.get(0).body()))
        .isEqualTo(Map.of("url", url));
  }

  @Property(tries = 300)
  void anInvalidPurgeUrlFailsNamingTheArgumentBeforeAnythingIsSent(
      @ForAll("invalidUrls") String url) {
    Throwable sync = catchThrowable(() -> client.purge(url));
    Throwable async = catchThrowable(() -> client.async().purge(url));

    for (Throwable failure : Arrays.asList(sync, async)) {
      assertThat(failure)
          .as("the failure for %s", url)
          .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
          .hasMessageContaining("url");
    }
    assertThat(simulator.journal()).isEmpty();
  }

  // ---- Generators ----

  @Provide
  Arbitrary<String> validIds() {
    return Arbitraries.strings()
        .withChars(UNRESERVED.toCharArray())
        .ofMinLength(1)
        .ofMaxLength(128)
        .filter(id -> !id.equals(".") && !id.contains(".."));
  }

  @Provide
  Arbitrary<String> invalidIds() {
    Arbitrary<Character> forbidden =
        Arbitraries.oneOf(
            Arbitraries.of('/', '?', '#', '%', ' ', '\t', '\n', '\r', '\u0000', '\u007f', '+'),
            Arbitraries.of('\\', '"', '\'', '<', '>', '&', '=', ':', '@', '[', ']', '{', '}', '|'),
            Arbitraries.chars().range('\u0080', '\uffff'));
    Arbitrary<String> withForbidden =
        Combinators.combine(validIds(), forbidden, Arbitraries.integers().between(0, 128))
            .as(
                (id, c, at) -> {
                  int i = Math.min(at, id.length());
                  return id.substring(0, i) + c + id.substring(i);
                });
    Arbitrary<String> part =
        Arbitraries.strings().withChars(UNRESERVED.toCharArray()).ofMaxLength(60);
    Arbitrary<String> dots = Combinators.combine(part, part).as((a, b) -> a + ".." + b);
    Arbitrary<String> tooLong =
        Arbitraries.strings().withChars(UNRESERVED.toCharArray()).ofMinLength(129).ofMaxLength(600);
    Arbitrary<String> blank = Arbitraries.of("", " ", "\t", "\u2003", "  \n ");
    return Arbitraries.frequencyOf(
        Tuple.of(6, withForbidden),
        Tuple.of(2, dots),
        Tuple.of(1, tooLong),
        Tuple.of(1, blank),
        Tuple.of(1, Arbitraries.just(".")),
        Tuple.of(1, Arbitraries.just((String) null)));
  }

  @Provide
  Arbitrary<String> validUrls() {
    Arbitrary<String> scheme = Arbitraries.of("https", "http", "HTTPS", "Https");
    Arbitrary<String> host =
        Arbitraries.of(
            "ik.imagekit.io",
            "cdn.example.com",
            "example.com:8443",
            "127.0.0.1",
            "[::1]",
            "user@ik.imagekit.io",
            "xn--bcher-kva.example");
    // Anything but whitespace, control characters, '*' and lone surrogates (see the report).
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withChars("abcXYZ019-._~!$&'()+,;=:@%/\"\\<>{}|^`[]")
            .withCharRange('\u00a1', '\u02ff')
            .withChars("\u4e2d\u6587\u0416\u00e9\u20ac")
            .withChars("\ud83d\ude00".toCharArray())
            .ofMaxLength(80)
            .map(RequestInputPropertiesTest::withoutLoneSurrogates);
    Arbitrary<String> query = Arbitraries.of("", "?tr=w-300", "?a=1&b=%20", "#frag", "?x=\u00e9#y");
    Arbitrary<String> wildcard = Arbitraries.of("", "", "", "*");
    return Combinators.combine(scheme, host, segment, query, wildcard)
        .as((s, h, p, q, w) -> s + "://" + h + "/" + p + q + w);
  }

  @Provide
  Arbitrary<String> invalidUrls() {
    Arbitrary<String> valid = validUrls();
    Arbitrary<String> withSpace =
        Combinators.combine(
                valid,
                Arbitraries.of(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\u0000'),
                Arbitraries.integers().between(0, 200))
            .as(
                (url, c, at) -> {
                  int i = Math.min(at, url.length());
                  return url.substring(0, i) + c + url.substring(i);
                });
    Arbitrary<String> wrongScheme =
        Combinators.combine(
                Arbitraries.of(
                    "", "ftp://", "file://", "https:/", "https:", "//", "ws://", "javascript:"),
                Arbitraries.of("ik.imagekit.io/a.jpg", "a.jpg"))
            .as((s, rest) -> s + rest);
    Arbitrary<String> noHost =
        Arbitraries.of(
            "https://",
            "https:///a.jpg",
            "http://:80/a",
            "https://?q",
            "https://#f",
            "https://@/a");
    Arbitrary<String> misplacedStar =
        Arbitraries.of(
            "https://*.imagekit.io/a.jpg",
            "https://ik.imagekit.io/*/a.jpg",
            "https://ik.imagekit.io/a*.jpg",
            "https://ik.imagekit.io/a**",
            "https://i*k/");
    Arbitrary<String> tooLong =
        Arbitraries.strings()
            .withChars("abc/")
            .ofMinLength(8200)
            .ofMaxLength(9000)
            .map(path -> "https://ik.imagekit.io/" + path);
    return Arbitraries.frequencyOf(
        Tuple.of(5, withSpace),
        Tuple.of(3, wrongScheme),
        Tuple.of(2, noHost),
        Tuple.of(2, misplacedStar),
        Tuple.of(1, tooLong),
        Tuple.of(1, Arbitraries.of("", " ", "\n")),
        Tuple.of(1, Arbitraries.just((String) null)));
  }

  private static String withoutLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (!Character.isSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
