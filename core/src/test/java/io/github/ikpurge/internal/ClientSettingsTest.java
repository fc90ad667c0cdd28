package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.error.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  @Test
  void aMissingBlankOrMultiLineKeyIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> ClientSettings.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("privateKey");
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
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> ClientSettings.builder().attemptTimeout(Duration.ZERO))
        .hasMessageStartingWith("attemptTimeout");
    assertThatThrownBy(() -> ClientSettings.builder().callTimeout(Duration.ofMillis(-1)))
        .hasMessageStartingWith("callTimeout");
    assertThatThrownBy(() -> ClientSettings.builder().maxResponseBytes(0))
        .hasMessageStartingWith("maxResponseBytes");
  }
}
