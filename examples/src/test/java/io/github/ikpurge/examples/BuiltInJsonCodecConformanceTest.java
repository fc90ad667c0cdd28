package io.github.ikpurge.examples;

import io.github.ikpurge.conformance.JsonCodecConformanceTest;
import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.JsonCodec;

/** The codec suite on core's built-in codec; core itself cannot depend on the suite. */
class BuiltInJsonCodecConformanceTest extends JsonCodecConformanceTest {

  @Override
  protected JsonCodec codec() {
    return BuiltInJsonCodec.create();
  }
}
