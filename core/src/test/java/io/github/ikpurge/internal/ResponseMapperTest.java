package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.json.BuiltInJsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a response becomes a value or a typed error, with the messages that say why. */
class ResponseMapperTest {

  private final ResponseMapper mapper = new ResponseMapper(BuiltInJsonCodec.create());

  private static ResponseMetadata metadata(int status, Headers headers, String body) {
    return ResponseMetadata.of(status, headers, body);
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"status":null}  | null
          {"status":{}}    | an object
          {"status":[]}    | an array
          {"status":true}  | a boolean
          {"status":1}     | a number
          """)
  void aFieldOfTheWrongTypeIsMalformedNamingWhatItIs(String body, String what) {
    assertThatThrownBy(() -> mapper.purgeStatus(metadata(200, Headers.empty(), body), bytes(body)))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessage("the \"status\" field of the response is not a string but " + what);
  }

  @Test
  void aBodyThatIsNotJsonIsMalformedNamingItsContentType() {
    String body = "<html>busy</html>";
    Headers html = Headers.builder().add("Content-Type", "text/html").build();

    assertThatThrownBy(() -> mapper.purgeStatus(metadata(200, html, body), bytes(body)))
        .hasMessage(
            "the HTTP 200 response body is not a JSON object (expected a JSON object at character"
                + " 0); Content-Type: text/html");
    assertThatThrownBy(() -> mapper.purgeStatus(metadata(200, Headers.empty(), body), bytes(body)))
        .hasMessage(
            "the HTTP 200 response body is not a JSON object (expected a JSON object at character"
                + " 0)");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({
    "499, UnknownException",
    "500, InternalServerException",
    "599, InternalServerException",
    "600, UnknownException",
    "999, UnknownException"
  })
  void onlyStatuses500To599AreServerErrors(int status, String type) {
    String body = "{\"message\":\"m\",\"help\":\"h\"}";

    ApiException error =
        mapper.error(metadata(status, Headers.empty(), body), bytes(body), Instant.EPOCH);

    assertThat(error)
        .isExactlyInstanceOf(
            type.equals("UnknownException")
                ? UnknownException.class
                : InternalServerException.class);
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.apiMessage()).contains("m");
    assertThat(error.help()).contains("h");
  }

  @Test
  void anErrorBodyWhoseFieldsAreNotTextKeepsOnlyTheRawBody() {
    String body = "{\"message\":1,\"help\":[\"h\"]}";

    ApiException error =
        mapper.error(metadata(400, Headers.empty(), body), bytes(body), Instant.EPOCH);

    assertThat(error.apiMessage()).isEmpty();
    assertThat(error.help()).isEmpty();
    assertThat(error.rawBody()).isEqualTo(body);
  }

  @ParameterizedTest(name = "HTTP {0}: success={1}")
  @CsvSource({"199, false", "200, true", "204, true", "299, true", "300, false"})
  void onlyStatuses200To299AreSuccesses(int status, boolean success) {
    assertThat(ResponseMapper.isSuccess(status)).isEqualTo(success);
  }

  @ParameterizedTest(name = "Content-Encoding: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          gzip            | gzip
          identity        |
          IDENTITY        |
          identity, br    | identity, br
          ' , '           |
          """)
  void aContentCodingOtherThanIdentityIsNamed(String value, String named) {
    Headers headers = Headers.builder().add("Content-Encoding", value).build();

    assertThat(ResponseMapper.contentCoding(headers)).isEqualTo(named);
  }

  @Test
  void everyContentEncodingHeaderIsNamed() {
    Headers headers =
        Headers.builder()
            .add("Content-Encoding", "identity")
            .add("Content-Encoding", "gzip")
            .build();

    assertThat(ResponseMapper.contentCoding(headers)).isEqualTo("identity, gzip");
    assertThat(ResponseMapper.contentCoding(Headers.empty())).isNull();
  }
}
