package io.github.ikpurge.error;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.ResponseMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * The API answered with an error status. Subclasses name the status, as in ImageKit's Java SDK, so
 * catch blocks carry over. The server's {@code message} and {@code help}, the headers, the raw body
 * and the {@code x-ik-requestId} are kept; a body that is not ImageKit's JSON (an HTML page from a
 * proxy, say) leaves {@link #apiMessage()} empty and is still kept raw.
 */
public abstract sealed class ApiException extends ImageKitException
    permits BadRequestException,
        UnauthorizedException,
        ForbiddenException,
        NotFoundException,
        TooManyRequestsException,
        InternalServerException,
        UnknownException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  private final int statusCode;

  /** The {@code message} of the error body, or null. */
  private final String apiMessage;

  /** The {@code help} of the error body, or null. */
  private final String help;

  ApiException(ResponseMetadata response, String apiMessage, String help) {
    super(describe(Objects.requireNonNull(response, "response"), apiMessage), null, response);
    this.statusCode = response.statusCode();
    this.apiMessage = apiMessage;
    this.help = help;
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the {@code message} field of the error body, when the body had one} */
  public Optional<String> apiMessage() {
    return Optional.ofNullable(apiMessage);
  }

  /** {@return the {@code help} field of the error body, when the body had one} */
  public Optional<String> help() {
    return Optional.ofNullable(help);
  }

  /** {@return the response headers} */
  public Headers headers() {
    return metadata().headers();
  }

  /** {@return the response body exactly as received (as UTF-8 text)} */
  public String rawBody() {
    return metadata().rawBody();
  }

  /** {@return the response; always present on an API error} */
  public ResponseMetadata metadata() {
    return response().orElseThrow();
  }

  private static String describe(ResponseMetadata response, String apiMessage) {
    StringBuilder text = new StringBuilder().append("HTTP ").append(response.statusCode());
    if (apiMessage != null && !apiMessage.isBlank()) {
      text.append(": ").append(apiMessage.strip());
    } else if (response.rawBody().isEmpty()) {
      text.append(" with an empty body");
    } else {
      text.append(" with a body that is not an ImageKit error (")
          .append(response.headers().firstValue("Content-Type").orElse("no content type"))
          .append(", ")
          .append(response.rawBody().length())
          .append(" chars)");
    }
    response
        .ikRequestId()
        .ifPresent(id -> text.append(" [x-ik-requestId: ").append(id).append(']'));
    return text.toString();
  }
}
