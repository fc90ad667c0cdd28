package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {

  private static final String KEY = "private_lTyKeUvHhfY0AbXz1s9U/GOS3mc=";

  @Test
  void theAuthorizationIsBasicOfTheKeyAndAnEmptyPassword() {
    ClientSettings settings = ClientSettings.builder().privateKey(KEY).build();

    assertThat(settings.authorization())
        .isEqualTo("Basic cHJpdmF0ZV9sVHlLZVV2SGhmWTBBYlh6MXM5VS9HT1MzbWM9Og==");
  }

  @Test
  void toStringNeverShowsTheKey() {
    String text = ClientSettings.builder().privateKey(KEY).build().toString();

    assertThat(text).doesNotContain(KEY).doesNotContain("cHJpdmF0ZV9").contains("privateKey=****");
  }

  /** A builder that sees only {@code environment} as the process's environment variables. */
  private static ClientSettings.Builder seeing(Map<String, String> environment) {
    return ClientSettings.builder().environment(environment::get);
  }

  /** Runs {@code test} with the key's system property set to {@code value}, or cleared if null. */
  private static void withKeyProperty(String value, Runnable test) {
    String before = System.getProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
    if (value == null) {
      System.clearProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
    } else {
      System.setProperty(PurgeClient.PRIVATE_KEY_PROPERTY, value);
    }
    try {
      test.run();
    } finally {
      if (before == null) {
        System.clearProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
      } else {
        System.setProperty(PurgeClient.PRIVATE_KEY_PROPERTY, before);
      }
    }
  }

  @Test
  void withNoKeyGivenNorFoundTheErrorNamesTheVariableAndTheProperty() {
    withKeyProperty(
        null,
        () -> {
          assertThatThrownBy(() -> seeing(Map.of()).build())
              .isExactlyInstanceOf(ConfigurationException.class)
              .hasMessageStartingWith(
                  "no private key: set the IMAGEKIT_PRIVATE_KEY environment variable")
              .hasMessageContaining("or the imagekit.privateKey system property");
          assertThatThrownBy(() -> seeing(Map.of(PurgeClient.PRIVATE_KEY_ENV, "")).build())
              .as("an empty variable is not set")
              .isExactlyInstanceOf(ConfigurationException.class)
              .hasMessageStartingWith("no private key");
        });
  }

  @Test
  void aNullKeyGivenIsAConfigurationErrorThatSuspectsAnUnsetVariable() {
    assertThatThrownBy(
            () -> seeing(Map.of(PurgeClient.PRIVATE_KEY_ENV, KEY)).privateKey(null).build())
        .as("a null given is not replaced by the variable")
        .isExactlyInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "privateKey is null: if it came from System.getenv(\"IMAGEKIT_PRIVATE_KEY\"), that"
                + " variable is not set");
  }

  @Test
  void theKeyComesFromTheBuilderThenTheVariableThenTheProperty() {
    withKeyProperty(
        "private_from_property",
        () -> {
          assertThat(
                  seeing(Map.of(PurgeClient.PRIVATE_KEY_ENV, KEY))
                      .privateKey("private_given")
                      .build()
                      .authorization())
              .isEqualTo(ClientSettings.basicAuthorization("private_given"));
          assertThat(seeing(Map.of(PurgeClient.PRIVATE_KEY_ENV, KEY)).build().authorization())
              .isEqualTo(ClientSettings.basicAuthorization(KEY));
          assertThat(seeing(Map.of()).build().authorization())
              .isEqualTo(ClientSettings.basicAuthorization("private_from_property"));
        });
  }

  @Test
  void aBadKeyFoundIsRefusedNamingWhereItWasFound() {
    withKeyProperty(
        "public_from_property",
        () -> {
          assertThatThrownBy(() -> seeing(Map.of(PurgeClient.PRIVATE_KEY_ENV, KEY + "\n")).build())
              .isExactlyInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith(
                  "the IMAGEKIT_PRIVATE_KEY environment variable must not contain whitespace");
          assertThatThrownBy(() -> seeing(Map.of()).build())
              .isExactlyInstanceOf(ConfigurationException.class)
              .hasMessageStartingWith("the imagekit.privateKey system property holds a public key");
        });
  }

  @Test
  void aBlankOrMultiLineKeyIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> ClientSettings.builder().privateKey("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("privateKey must not be blank");
    assertThatThrownBy(() -> ClientSettings.builder().privateKey(KEY + "\n").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("privateKey must not contain whitespace")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aPublicKeyGivenAsThePrivateKeyIsAConfigurationError() {
    assertThatThrownBy(() -> ClientSettings.builder().privateKey("public_abcdef").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("privateKey holds a public key")
        .hasMessageNotContaining("abcdef");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080",
        "http://127.0.0.1:1",
        "http://127.1.2.3",
        "http://[::1]:9000",
        "http://LOCALHOST:8080",
        "http://127.255.255.254",
        "http://[0:0:0:0:0:0:0:1]",
        "http://[0000::0001]:1",
        "http://[::0:1]",
        "http://[::ffff:127.0.0.1]",
        "https://api.imagekit.io",
        "https://proxy.example.com/imagekit/"
      })
  void acceptsHttpsAnywhereAndHttpOnLoopback(String uri) {
    URI base = ClientSettings.builder().privateKey(KEY).baseUri(URI.create(uri)).build().baseUri();

    assertThat(base.toString()).isEqualTo(uri.replaceAll("/+$", ""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.imagekit.io",
        "http://127.0.0.1.evil.example",
        "http://128.0.0.1",
        "http://anything.localhost",
        "http://evil.com.localhost",
        "http://localhost.",
        "http://localhost.evil.example",
        "http://127.1",
        "http://127.0.0.256",
        "http://127.0.0.01.2",
        "http://0x7f.0.0.1",
        "http://[::2]",
        "http://[1::1]",
        "http://[::1:1]",
        "http://[fe80::1%25lo]",
        "ftp://api.imagekit.io",
        "https://user:pass@api.imagekit.io",
        "https://api.imagekit.io?x=1",
        "https://api.imagekit.io#f",
        "api.imagekit.io",
        "mailto:a@b.c"
      })
  void refusesBaseUrisThatAreUnsafeOrNotHttp(String uri) {
    assertThatThrownBy(
            () -> ClientSettings.builder().privateKey(KEY).baseUri(URI.create(uri)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUri");
  }

  @Test
  void plainHttpElsewhereNeedsAnExplicitOptIn() {
    URI base =
        ClientSettings.builder()
            .privateKey(KEY)
            .baseUri(URI.create("http://imagekit-proxy.internal"))
            .allowInsecureHttp(true)
            .build()
            .baseUri();

    assertThat(base).isEqualTo(URI.create("http://imagekit-proxy.internal"));
  }

  @Test
  void everySettingIsKeptAsGiven() {
    InMemoryTransport transport = new InMemoryTransport();
    TransportOptions options = TransportOptions.builder().userAgent("settings-test/1").build();
    RetryPolicy retries = RetryPolicy.builder().maxAttempts(5).build();
    PollPolicy polls = PollPolicy.builder().initialDelay(Duration.ofMillis(300)).build();
    JsonCodec codec = BuiltInJsonCodec.create();

    ClientSettings settings =
        ClientSettings.builder()
            .privateKey(KEY)
            .baseUri(URI.create("https://proxy.example.com/ik/"))
            .allowInsecureHttp(false)
            .transport(transport)
            .transportName(" JDK ")
            .transportOptions(options)
            .attemptTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(9))
            .retryPolicy(retries)
            .maxResponseBytes(1)
            .pollPolicy(polls)
            .maxResponseHeaderBytes(1)
            .jsonCodec(codec)
            .build();

    assertThat(settings.baseUri()).isEqualTo(URI.create("https://proxy.example.com/ik"));
    assertThat(settings.transport()).isSameAs(transport);
    assertThat(settings.transportName()).isEqualTo("jdk");
    assertThat(settings.transportOptions()).isSameAs(options);
    assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(settings.retryPolicy()).isSameAs(retries);
    assertThat(settings.maxResponseBytes()).isEqualTo(1);
    assertThat(settings.pollPolicy()).isSameAs(polls);
    assertThat(settings.maxResponseHeaderBytes()).isEqualTo(1);
    assertThat(settings.jsonCodec()).isSameAs(codec);
  }

  @Test
  void theTransportIsHandedTheSdksUserAgentUnlessTheUserChoseOne() {
    List<TransportOptions> handed = new ArrayList<>();
    InMemoryTransport transport = new InMemoryTransport();
    TransportProvider provider =
        FakeProviders.creating(
            "in-memory",
            options -> {
              handed.add(options);
              return transport;
            });
    TransportOptions chosen = TransportOptions.builder().userAgent("settings-test/2").build();

    try (PurgeClient byDefault =
            DefaultPurgeClient.create(ClientSettings.builder().privateKey(KEY).build(), provider);
        PurgeClient byChoice =
            DefaultPurgeClient.create(
                ClientSettings.builder().privateKey(KEY).transportOptions(chosen).build(),
                provider)) {
      byDefault.status("abc");
      byChoice.status("abc");
    }

    assertThat(TransportOptions.defaults().userAgent()).isEmpty();
    assertThat(TransportOptions.defaults().toBuilder().build().userAgent()).isEmpty();
    assertThat(handed.get(0).userAgent()).contains(SdkVersion.USER_AGENT);
    assertThat(SdkVersion.USER_AGENT).startsWith("ikpurge-java/");
    assertThat(handed.get(1)).isSameAs(chosen);
    assertThat(transport.requests())
        .extracting(request -> request.headers().firstValue("User-Agent").orElseThrow())
        .containsExactly(SdkVersion.USER_AGENT, "settings-test/2");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "127.0.0.0, true",
    "127.9.9.9, true",
    "127.0.0.1, true",
    "127.000.0.1, true",
    "127.0.0.1a, false",
    "127.0.0.:1, false",
    "127.0.0./, false",
    "127.0.0., false",
    "127.0.0.0001, false",
    "[::1], true",
    "[::1, false",
    "::1, false"
  })
  void loopbackIsDecidedFromTheLiteralAlone(String host, boolean loopback) {
    assertThat(ClientSettings.Builder.isLoopback(host)).isEqualTo(loopback);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> ClientSettings.builder().maxResponseHeaderBytes(0))
        .hasMessage("maxResponseHeaderBytes must be positive, was 0");
    assertThatThrownBy(() -> ClientSettings.builder().maxResponseBytes(-1))
        .hasMessage("maxResponseBytes must be positive, was -1");
    assertThatThrownBy(() -> ClientSettings.builder().transportName(" "))
        .hasMessage("transport name must not be blank");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> ClientSettings.builder().attemptTimeout(Duration.ZERO))
        .hasMessageStartingWith("attemptTimeout");
    assertThatThrownBy(() -> ClientSettings.builder().callTimeout(Duration.ofMillis(-1)))
        .hasMessageStartingWith("callTimeout");
    assertThatThrownBy(() -> ClientSettings.builder().maxResponseBytes(0))
        .hasMessageStartingWith("maxResponseBytes");
  }
}
