package io.github.ikpurge.micrometer;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.error.BadRequestException;
import io.github.ikpurge.error.BulkPurgeException;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.ConnectionException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.InternalServerException;
import io.github.ikpurge.error.MalformedResponseException;
import io.github.ikpurge.error.NotFoundException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.error.TooManyRequestsException;
import io.github.ikpurge.error.UnauthorizedException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.HttpTransportException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The tag values: each from a small fixed set, so that no value depends on a URL, an id or a
 * message. An outcome is {@code success} or the kind of error, named after its exception type.
 */
final class Kinds {

  static final String SUCCESS = "success";
  static final String OTHER = "other";

  private Kinds() {}

  static String operation(CallListener.Operation operation) {
    return operation.name().toLowerCase(Locale.ROOT);
  }

  /** {@code 2xx}, {@code 4xx} and so on; {@code none} without a response. */
  static String statusClass(int status) {
    if (status == 0) {
      return "none";
    }
    return status >= 100 && status <= 599 ? (status / 100) + "xx" : OTHER;
  }

  /** The outcome of an attempt that had a response, as the engine maps its status. */
  static String ofStatus(int status) {
    if (status >= 200 && status <= 299) {
      return SUCCESS;
    }
    switch (status) {
      case 400:
        return "BadRequest";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "NotFound";
      case 429:
        return "TooManyRequests";
      default:
        return status >= 500 && status <= 599 ? "ServerError" : "UnknownStatus";
    }
  }

  /** The outcome of a call that failed, or the reason of a retry. */
  static String ofFailure(Throwable failure) {
    Throwable f = unwrap(failure);
    if (f instanceof TooManyRequestsException) {
      return "TooManyRequests";
    } else if (f instanceof InternalServerException) {
      return "ServerError";
    } else if (f instanceof BadRequestException) {
      return "BadRequest";
    } else if (f instanceof UnauthorizedException) {
      return "Unauthorized";
    } else if (f instanceof ForbiddenException) {
      return "Forbidden";
    } else if (f instanceof NotFoundException) {
      return "NotFound";
    } else if (f instanceof UnknownException) {
      return "UnknownStatus";
    } else if (f instanceof ImageKitTimeoutException) {
      return "Timeout";
    } else if (f instanceof ConnectionException) {
      return "Connection";
    } else if (f instanceof ResponseTooLargeException) {
      return "ResponseTooLarge";
    } else if (f instanceof MalformedResponseException) {
      return "MalformedResponse";
    } else if (f instanceof CompletionTimeoutException) {
      return "CompletionTimeout";
    } else if (f instanceof ConfigurationException) {
      return "Configuration";
    } else if (f instanceof BulkPurgeException) {
      return "BulkPurge";
    } else if (f instanceof CancellationException) {
      return "Cancelled";
    } else if (f instanceof IOException io) {
      return ofTransportFailure(HttpTransportException.classify(io).kind());
    }
    return OTHER;
  }

  /** The outcome of an attempt that ended without a response, in the words of a call's outcome. */
  static String ofTransportFailure(HttpTransportException.Kind kind) {
    switch (kind) {
      case TIMEOUT:
        return "Timeout";
      case RESPONSE_TOO_LARGE:
      case HEADERS_TOO_LARGE:
        return "ResponseTooLarge";
      default:
        return "Connection";
    }
  }

  /** {@code Pending}, {@code Completed}, or {@code other} for any status the API may add. */
  static String pollStatus(PurgeCacheStatus status) {
    return status.isKnown() ? status.value() : OTHER;
  }

  /** The failure itself, out of the wrappers a future may put around it. */
  static Throwable unwrap(Throwable failure) {
    Throwable f = failure;
    while ((f instanceof CompletionException || f instanceof ExecutionException)
        && f.getCause() != null) {
      f = f.getCause();
    }
    return f;
  }
}
