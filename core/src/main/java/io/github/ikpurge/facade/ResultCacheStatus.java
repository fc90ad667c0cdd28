package io.github.ikpurge.facade;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeStatusResult;
import java.util.Objects;

/** The status of a purge, named as in ImageKit's Java and .NET SDKs. Immutable. */
public final class ResultCacheStatus {

  private final PurgeStatusResult result;

  /**
   * Wraps a status result.
   *
   * @param result the engine's result
   */
  public ResultCacheStatus(PurgeStatusResult result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  /**
   * {@return the status as the API sent it: {@code Pending}, {@code Completed} or a newer value}
   */
  public String getStatus() {
    return result.status().value();
  }

  /** {@return the status as a value with {@code isPending()} and {@code isCompleted()}} */
  public PurgeCacheStatus getPurgeCacheStatus() {
    return result.status();
  }

  /** {@return the id that was asked about} */
  public String getRequestId() {
    return result.requestId().value();
  }

  /** {@return the body, HTTP status and headers of the response} */
  public ResponseMetaData getResponseMetaData() {
    return new ResponseMetaData(result.metadata());
  }

  /** {@return the engine's result} */
  public PurgeStatusResult toPurgeStatusResult() {
    return result;
  }

  @Override
  public String toString() {
    return "ResultCacheStatus{status="
        + getStatus()
        + ", requestId="
        + getRequestId()
        + ", ikRequestId="
        + result.metadata().ikRequestId().orElse("-")
        + '}';
  }
}
