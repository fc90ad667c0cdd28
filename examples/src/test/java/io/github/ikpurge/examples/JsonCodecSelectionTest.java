package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.json.jsonb.JsonbCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON codec a client takes with the JSON-B codec on the class path, and the response size
 * limit at the client level, with each codec on each transport.
 */
class JsonCodecSelectionTest {

  private static final int LIMIT = 1 << 20;

  private final ImageKitSimulator simulator = ImageKitSimulator.start();

  @AfterEach
  void stop() {
    simulator.close();
    System.clearProperty("ikpurge.json");
  }

  @Test
  void theJsonbCodecIsPreferredOverTheBuiltInOneWhenOnTheClassPath() {
    try (PurgeClient client = simulator.clientBuilder().build()) {
      assertThat(client.toString()).contains("codec=jsonb");
      assertThat(client.purge("https://ik.imagekit.io/demo/a.jpg").requestId().value())
          .isNotBlank();
    }
  }

  @Test
  void theSystemPropertySelectsTheBuiltInCodecAgain() {
    System.setProperty("ikpurge.json", "builtin");
    try (PurgeClient client = simulator.clientBuilder().build()) {
      assertThat(client.toString()).contains("codec=builtin");
    }
  }

  static Stream<Arguments> transportsAndCodecs() {
    return Stream.of("jdk", "apache", "feign")
        .flatMap(
            transport ->
                Stream.of(
                    Arguments.of(transport, BuiltInJsonCodec.create()),
                    Arguments.of(transport, JsonbCodec.create())));
  }

  @ParameterizedTest
  @MethodSource("transportsAndCodecs")
  void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefused(String transport, JsonCodec codec) {
    try (PurgeClient client =
        simulator.clientBuilder().transport(transport).jsonCodec(codec).build()) {
      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, statusBody(LIMIT)));
      assertThat(client.status("abc").metadata().rawBody()).hasSize(LIMIT);

      simulator.enqueue(Endpoint.STATUS, ScriptedResponse.json(200, statusBody(LIMIT + 1)));
      ResponseTooLargeException error =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              ResponseTooLargeException.class, () -> client.status("abc"));
      assertThat(error).isNotNull();
      assertThat(error.limitBytes()).isEqualTo(LIMIT);
    }
  }

  /** Returns a valid status body of exactly this many bytes. */
  private static String statusBody(int bytes) {
    String head = "{\"status\":\"Pending\",\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
  }
}
