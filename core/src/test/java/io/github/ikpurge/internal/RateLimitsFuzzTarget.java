package io.github.ikpurge.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Jazzer fuzz target of the rate-limit headers: whatever the values of {@code X-RateLimit-*}
 * and {@code Retry-After}, {@link RateLimits} returns a value or "absent", never throws, and never
 * returns a negative wait or one longer than the day it promises to cap waits at. Run by {@link
 * FuzzingRunTest}.
 */
public final class RateLimitsFuzzTarget {

  private static final String[] NAMES = {
    RateLimits.LIMIT, RateLimits.RESET, RateLimits.INTERVAL, RateLimits.RETRY_AFTER
  };

  private RateLimitsFuzzTarget() {}

  /**
   * Called by the fuzzer once per input.
   *
   * @param data the fuzzer's input
   */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    // Any instant from year 1 to 9999, the range an HTTP date can name.
    Instant now = Instant.ofEpochSecond(data.consumeLong(-62_135_596_800L, 253_402_300_799L));
    Headers.Builder builder = Headers.builder();
    for (String name : NAMES) {
      if (data.consumeBoolean()) {
        String value = data.consumeString(80);
        try {
          builder.add(name, value);
        } catch (IllegalArgumentException headersRefuseCrLfOrNul) {
          // Such a header never reaches RateLimits: no transport delivers it.
        }
      }
    }
    RateLimit limit = RateLimits.parse(builder.build(), now);
    if (limit.limit().isPresent() && limit.limit().getAsLong() < 0) {
      throw new IllegalStateException("a negative limit: " + limit);
    }
    checkWait(limit.reset(), limit);
    checkWait(limit.interval(), limit);
    checkWait(limit.retryAfter(), limit);
    checkWait(limit.requestedWait(), limit);

    String raw = data.consumeRemainingAsString();
    long count = RateLimits.parseCount(raw);
    if (count < -1) {
      throw new IllegalStateException("parseCount(" + raw + ") = " + count);
    }
    checkWait(Optional.ofNullable(RateLimits.parseRetryAfter(raw, now)), raw);
  }

  private static void checkWait(Optional<Duration> wait, Object source) {
    if (wait.isPresent()
        && (wait.get().isNegative() || wait.get().compareTo(RateLimits.MAX_WAIT) > 0)) {
      throw new IllegalStateException("a wait of " + wait.get() + " from " + source);
    }
  }
}
