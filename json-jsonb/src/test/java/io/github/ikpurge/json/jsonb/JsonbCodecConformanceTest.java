package io.github.ikpurge.json.jsonb;

import io.github.ikpurge.spi.JsonCodec;

class JsonbCodecConformanceTest extends io.github.ikpurge.conformance.JsonCodecConformanceTest {

  @Override
  protected JsonCodec codec() {
    return JsonbCodec.create();
  }
}
