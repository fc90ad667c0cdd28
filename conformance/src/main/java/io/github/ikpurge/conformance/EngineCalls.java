package io.github.ikpurge.conformance;

import io.github.ikpurge.PurgeClient;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One call through the engine, and the count of requests it says it sent. */
final class EngineCalls {

  /** A file URL to purge. */
  static final String FILE = "https://ik.imagekit.io/demo/hostile.png";

  /**
   * The engine's count of attempts in its messages: {@code (attempt 3)} or {@code (attempt 1-2, …}.
   */
  private static final Pattern ENGINE_ATTEMPT = Pattern.compile("\\(attempt (\\d+)(?:-(\\d+))?");

  private EngineCalls() {}

  /** Makes one call; returns null on success, else what it failed with (unwrapped if async). */
  static Throwable call(PurgeClient client, boolean post, boolean async) {
    try {
      if (async) {
        (post ? client.async().purge(FILE) : client.async().status(HostileWire.REQUEST_ID))
            .get(30, TimeUnit.SECONDS);
      } else if (post) {
        client.purge(FILE);
      } else {
        client.status(HostileWire.REQUEST_ID);
      }
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  /** Returns the second number of an {@code (attempt 1-2, …)} note, if the engine wrote one. */
  static OptionalInt resentUpTo(Throwable failure) {
    Matcher reported =
        ENGINE_ATTEMPT.matcher(failure == null ? "" : String.valueOf(failure.getMessage()));
    return reported.find() && reported.group(2) != null
        ? OptionalInt.of(Integer.parseInt(reported.group(2)))
        : OptionalInt.empty();
  }
}
