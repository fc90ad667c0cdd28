package io.github.ikpurge.spi;

import io.github.ikpurge.domain.RateLimit;
import java.time.Duration;

/**
 * Paces the requests of every client that shares it: each request reserves a slot before it is
 * sent, and every rate-limit answer (a 429) is reported back, so that all senders hold together
 * rather than each retrying on its own.
 *
 * <p>By default a client shares one in-JVM limiter with every other client that uses the same key
 * and base URI: it learns the account's limit from the {@code X-RateLimit-Limit} and {@code
 * X-RateLimit-Interval} headers of a 429, can be given a limit ({@code
 * PurgeClient.Builder#rateLimit}), and on a 429 holds every sender until {@code X-RateLimit-Reset}
 * has passed, each with its own jitter. An implementation of this interface can back the same
 * contract with a store that processes share.
 *
 * <p>The engine owns time: a limiter never blocks or sleeps; it answers how long to wait, and the
 * engine waits (or gives up, when the wait would run past the call's deadline). Implementations
 * must be thread-safe and fast: {@link #reserve(Duration)} runs before every request.
 */
public interface RateLimiter {

  /**
   * Reserves the next request's slot if it comes within {@code maxWait}, and returns how long the
   * caller must wait before sending. A slot later than that is not reserved: the answer is then
   * longer than {@code maxWait}, and the caller sends nothing (its deadline comes first), so a call
   * that gives up leaves no gap in the pace of the others.
   *
   * @param maxWait the longest the caller can wait, positive
   * @return the wait, zero to send at once; never negative
   */
  Duration reserve(Duration maxWait);

  /**
   * Reports an answer that said the account is over its rate limit.
   *
   * @param limit the answer's rate-limit headers, as read; any of them may be absent
   */
  void rateLimited(RateLimit limit);
}
