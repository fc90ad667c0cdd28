package io.github.ikpurge.json.jsonb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.spi.JsonCodecProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class JsonbCodecProviderTest {

  @Test
  void isFoundByServiceLoaderAsJsonbWithAPriorityAboveTheBuiltInCodec() {
    JsonCodecProvider provider =
        ServiceLoader.load(JsonCodecProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(found -> found.name().equals("jsonb"))
            .findFirst()
            .orElseThrow();

    assertThat(provider).isInstanceOf(JsonbCodecProvider.class);
    assertThat(provider.priority()).isEqualTo(100).isGreaterThan(0);
    assertThat(provider.create().name()).isEqualTo("jsonb");
    assertThat(provider.create()).isSameAs(JsonbCodec.create());
  }
}
