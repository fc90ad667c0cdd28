package io.github.ikpurge.facade;

import io.github.ikpurge.domain.PurgeResult;
import java.util.Objects;

/** The answer to a purge, named as in ImageKit's Java and .NET SDKs. Immutable. */
public final class ResultCache {

  private final PurgeResult result;

  /**
   * Wraps a purge result.
   *
   * @param result the engine's result
   */
  public ResultCache(PurgeResult result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  /** {@return the id to follow the purge with} */
  public String getRequestId() {
    return result.requestId().value();
  }

  /** {@return the body, HTTP status and headers of the response} */
  public ResponseMetaData getResponseMetaData() {
    return new ResponseMetaData(result.metadata());
  }

  /** {@return the engine's result} */
  public PurgeResult toPurgeResult() {
    return result;
  }

  @Override
  public String toString() {
    return "ResultCache{requestId="
        + getRequestId()
        + ", ikRequestId="
        + result.metadata().ikRequestId().orElse("-")
        + '}';
  }
}
