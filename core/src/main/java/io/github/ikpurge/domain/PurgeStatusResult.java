package io.github.ikpurge.domain;

import java.util.Objects;

/**
 * The answer to a status query: where a purge stands, and the response it came in.
 *
 * @param requestId the id that was asked about
 * @param status the state the API reported
 * @param metadata the response's status, headers and raw body
 */
public record PurgeStatusResult(
    PurgeRequestId requestId, PurgeCacheStatus status, ResponseMetadata metadata) {

  /**
   * Creates a result.
   *
   * @param requestId the id that was asked about
   * @param status the state the API reported
   * @param metadata the response's status, headers and raw body
   * @throws NullPointerException if an argument is null
   */
  public PurgeStatusResult {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(metadata, "metadata");
  }
}
