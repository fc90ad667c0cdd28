package io.github.ikpurge.domain;

import java.util.Objects;

/**
 * The answer to a purge submission: the id to follow the purge with, and the response it came in.
 *
 * @param requestId the id of the submitted purge
 * @param metadata the response's status, headers and raw body
 */
public record PurgeResult(PurgeRequestId requestId, ResponseMetadata metadata) {

  /**
   * Creates a result.
   *
   * @param requestId the id of the submitted purge
   * @param metadata the response's status, headers and raw body
   * @throws NullPointerException if an argument is null
   */
  public PurgeResult {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(metadata, "metadata");
  }
}
