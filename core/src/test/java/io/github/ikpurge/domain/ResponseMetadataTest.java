package io.github.ikpurge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseMetadataTest {

  private static final Headers IK = Headers.builder().add("x-ik-requestId", "ik-7").build();

  @Test
  void isAValueOfStatusHeadersAndBody() {
    ResponseMetadata metadata = ResponseMetadata.of(200, IK, "{}");

    assertThat(metadata)
        .isEqualTo(ResponseMetadata.of(200, IK, "{}"))
        .hasSameHashCodeAs(ResponseMetadata.of(200, IK, "{}"))
        .isNotEqualTo(ResponseMetadata.of(201, IK, "{}"))
        .isNotEqualTo(ResponseMetadata.of(200, Headers.empty(), "{}"))
        .isNotEqualTo(ResponseMetadata.of(200, IK, "{ }"))
        .isNotEqualTo("{}");
    assertThat(metadata.hashCode()).isNotEqualTo(ResponseMetadata.of(500, IK, "x").hashCode());
  }

  @Test
  void showsTheStatusTheImageKitIdAndTheBodyLengthButNotTheBody() {
    assertThat(ResponseMetadata.of(503, IK, "busy"))
        .hasToString("ResponseMetadata{statusCode=503, ikRequestId=ik-7, bodyLength=4}");
    assertThat(ResponseMetadata.of(200, Headers.empty(), ""))
        .hasToString("ResponseMetadata{statusCode=200, ikRequestId=-, bodyLength=0}");
  }
}
