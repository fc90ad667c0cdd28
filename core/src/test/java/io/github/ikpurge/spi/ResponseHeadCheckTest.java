package io.github.ikpurge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ikpurge.domain.Headers;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadCheckTest {

  private static TransportRequest request(int maxHeaderBytes) {
    return TransportRequest.builder()
        .method("GET")
        .uri(URI.create("https://api.imagekit.io/v1/files/purge/abc"))
        .maxResponseHeaderBytes(maxHeaderBytes)
        .build();
  }

  private static HttpTransportException refusal(Headers headers) {
    return catchThrowableOfType(
        HttpTransportException.class, () -> request(64 << 10).checkResponseHead(headers));
  }

  @Test
  void aHeaderSectionAtTheLimitPassesAndOneByteMoreIsRefused() throws Exception {
    Headers headers = Headers.builder().add("X-Big", "b".repeat(1000)).build();
    int size = (int) headers.byteSize();

    request(size).checkResponseHead(headers);
    HttpTransportException over =
        catchThrowableOfType(
            HttpTransportException.class, () -> request(size - 1).checkResponseHead(headers));

    assertThat(over.kind()).isEqualTo(HttpTransportException.Kind.HEADERS_TOO_LARGE);
    assertThat(over.getMessage()).contains("header section").contains(Integer.toString(size));
  }

  @Test
  void aHeadFramedOneWayPasses() {
    assertThatCode(
            () ->
                request(1 << 16)
                    .checkResponseHead(
                        Headers.builder()
                            .add("Content-Length", " 22 ")
                            .add("Content-Type", "application/json")
                            .build()))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                request(1 << 16)
                    .checkResponseHead(
                        Headers.builder().add("Transfer-Encoding", "Chunked").build()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "0x10", "", "1 2", "+5", "1234567890123456789"})
  void aContentLengthThatIsNotAWholeNumberIsAProtocolError(String value) {
    HttpTransportException error = refusal(Headers.builder().add("Content-Length", value).build());

    assertThat(error.kind()).isEqualTo(HttpTransportException.Kind.PROTOCOL);
    assertThat(error.getMessage()).contains("Content-Length");
  }

  @Test
  void twoContentLengthsEvenEqualOrAsAListAreAProtocolError() {
    for (Headers headers :
        new Headers[] {
          Headers.builder().add("Content-Length", "5").add("Content-Length", "6").build(),
          Headers.builder().add("Content-Length", "5").add("Content-Length", "5").build(),
          Headers.builder().add("Content-Length", "5, 5").build()
        }) {
      assertThat(refusal(headers).kind())
          .as("%s", headers)
          .isEqualTo(HttpTransportException.Kind.PROTOCOL);
    }
  }

  @Test
  void aTransferEncodingOtherThanChunkedAloneOrBesideAContentLengthIsAProtocolError() {
    assertThat(refusal(Headers.builder().add("Transfer-Encoding", "gzip").build()).getMessage())
        .contains("Transfer-Encoding");
    assertThat(refusal(Headers.builder().add("Transfer-Encoding", "gzip, chunked").build()).kind())
        .isEqualTo(HttpTransportException.Kind.PROTOCOL);
    assertThat(
            refusal(
                    Headers.builder()
                        .add("Transfer-Encoding", "chunked")
                        .add("Transfer-Encoding", "chunked")
                        .build())
                .kind())
        .isEqualTo(HttpTransportException.Kind.PROTOCOL);
    assertThat(
            refusal(
                    Headers.builder()
                        .add("Transfer-Encoding", "chunked")
                        .add("Content-Length", "3")
                        .build())
                .getMessage())
        .contains("both");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Spaced ", " X", "X:Y", "X(Y)", "Caf\u00e9", "X\u007f", "X/Y"})
  void aFieldNameThatIsNotATokenIsAProtocolError(String name) {
    HttpTransportException error = refusal(Headers.builder().add(name, "v").build());

    assertThat(error.kind()).isEqualTo(HttpTransportException.Kind.PROTOCOL);
    assertThat(error.getMessage()).contains("not a token");
  }

  @Test
  void everyTokenCharacterIsAllowedInAName() {
    assertThatCode(
            () ->
                request(1 << 16)
                    .checkResponseHead(Headers.builder().add("!#$%&'*+-.^_`|~09AZaz", "v").build()))
        .doesNotThrowAnyException();
  }

  @Test
  void aLibraryResendIsCountedOnTheException() {
    assertThat(new HttpTransportException(HttpTransportException.Kind.IO, "m", null).requestsSent())
        .isEqualTo(1);
    assertThat(
            new HttpTransportException(HttpTransportException.Kind.IO, "m", null, 2).requestsSent())
        .isEqualTo(2);
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> new HttpTransportException(HttpTransportException.Kind.IO, "m", null, 0)))
        .hasMessageContaining("requestsSent");
  }

  @Test
  void aResponseMayCarryAnyThreeDigitStatus() {
    assertThat(TransportResponse.of(999, Headers.empty(), null).statusCode()).isEqualTo(999);
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> TransportResponse.of(1000, Headers.empty(), null)))
        .hasMessageContaining("100 to 999");
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class,
                () -> TransportResponse.of(99, Headers.empty(), null)))
        .hasMessageContaining("100 to 999");
  }
}
