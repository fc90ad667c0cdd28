package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.ResponseMetadata;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns transport responses into domain values or typed errors; its counterpart for failed
 * exchanges is {@link FailureMapper}.
 */
final class ResponseMapper {

  private final JsonCodec codec;

  ResponseMapper(JsonCodec codec) {
    this.codec = codec;
  }

  static boolean isSuccess(int statusCode) {
    return statusCode >= 200 && statusCode < 300;
  }

  /**
   * Returns the content coding a response body says it is in, such as {@code gzip}, or null when it
   * is sent as it is ({@code identity} or no {@code Content-Encoding}).
   */
  static String contentCoding(Headers headers) {
    List<String> codings = headers.allValues("Content-Encoding");
    for (String value : codings) {
      for (String coding : value.split(",", -1)) {
        String name = coding.strip();
        if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
          return String.join(", ", codings).strip();
        }
      }
    }
    return null;
  }

  /**
   * Returns what a response the engine accepted comes to: the call's result from a 2xx body, or the
   * typed error of any other status, with whether the call may try again and the wait a 429 asks
   * for.
   */
  <T> Outcome<T> outcome(Call<T> call, ResponseMetadata metadata, byte[] body) {
    if (isSuccess(metadata.statusCode())) {
      String coding = contentCoding(metadata.headers());
      if (coding != null) {
        return Outcome.failure(
            new MalformedResponseException(
                "the HTTP "
                    + metadata.statusCode()
                    + " response body is encoded as \""
                    + coding
                    + "\", which the client asked not to be sent (Accept-Encoding: identity)",
                metadata,
                null),
            false);
      }
      try {
        return Outcome.success(call.reader.read(metadata, body));
      } catch (ImageKitException e) {
        return Outcome.failure(e, false);
      }
    }
    ApiException error = error(metadata, body, Instant.now());
    Duration wait =
        error instanceof TooManyRequestsException limited
            ? limited.rateLimit().requestedWait().orElse(null)
            : null;
    return Outcome.failure(error, isRetryable(call, metadata.statusCode()), wait);
  }

  /**
   * Returns whether a status may be tried again: a 429 always, as the server refused it unread; the
   * statuses of a passing failure only where repeating the call cannot do it twice.
   */
  private static boolean isRetryable(Call<?> call, int status) {
    if (status == 429) {
      return true;
    }
    if (!call.idempotent) {
      return false;
    }
    return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Reads the {@code requestId} of a purge response. */
  PurgeRequestId purgeRequestId(ResponseMetadata metadata, byte[] body) {
    String value = requiredString(metadata, body, "requestId");
    try {
      return PurgeRequestId.of(value);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(
          "the purge response's requestId is not a usable id: " + e.getMessage(), metadata, e);
    }
  }

  /** Reads the {@code status} of a status response. */
  PurgeCacheStatus purgeStatus(ResponseMetadata metadata, byte[] body) {
    return PurgeCacheStatus.of(requiredString(metadata, body, "status"));
  }

  /** Returns the typed error for a non-2xx response. */
  ApiException error(ResponseMetadata metadata, byte[] body, Instant now) {
    String message = null;
    String help = null;
    Map<String, Object> fields = readLeniently(body);
    if (fields != null) {
      message = fields.get("message") instanceof String text ? text : null;
      help = fields.get("help") instanceof String text ? text : null;
    }
    int status = metadata.statusCode();
    return switch (status) {
      case 400 -> new BadRequestException(metadata, message, help);
      case 401 -> new UnauthorizedException(metadata, message, help);
      case 403 -> new ForbiddenException(metadata, message, help);
      case 404 -> new NotFoundException(metadata, message, help);
      case 429 ->
          new TooManyRequestsException(
              metadata, message, help, RateLimits.parse(metadata.headers(), now));
      default ->
          status >= 500 && status <= 599
              ? new InternalServerException(metadata, message, help)
              : new UnknownException(metadata, message, help);
    };
  }

  private String requiredString(ResponseMetadata metadata, byte[] body, String field) {
    Map<String, Object> fields;
    try {
      fields = codec.readObject(body);
    } catch (JsonCodecException e) {
      throw new MalformedResponseException(
          "the HTTP "
              + metadata.statusCode()
              + " response body is not a JSON object ("
              + e.getMessage()
              + ")"
              + contentType(metadata.headers()),
          metadata,
          e);
    } catch (RuntimeException e) {
      throw new MalformedResponseException(
          "the JSON codec " + codec.name() + " failed to read the response body: " + e,
          metadata,
          e);
    }
    Object value = fields.get(field);
    if (value == null) {
      throw new MalformedResponseException(
          "the HTTP " + metadata.statusCode() + " response has no \"" + field + "\" field",
          metadata,
          null);
    }
    if (!(value instanceof String text)) {
      throw new MalformedResponseException(
          "the \"" + field + "\" field of the response is not a string but " + describe(value),
          metadata,
          null);
    }
    return text;
  }

  private Map<String, Object> readLeniently(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return codec.readObject(body);
    } catch (RuntimeException e) {
      // Proxies answer with HTML or plain text; the raw body is kept on the error instead.
      return null;
    }
  }

  private static String contentType(Headers headers) {
    return headers.firstValue("Content-Type").map(type -> "; Content-Type: " + type).orElse("");
  }

  private static String describe(Object value) {
    if (value == JsonCodec.NULL) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof java.util.List) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }
}
