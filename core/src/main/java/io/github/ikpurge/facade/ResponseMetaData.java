package io.github.ikpurge.facade;

import io.github.ikpurge.domain.ResponseMetadata;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The raw side of a facade result, named as in ImageKit's Java SDK: the body text, the HTTP status
 * and the headers. Immutable.
 */
public final class ResponseMetaData {

  private final ResponseMetadata metadata;

  ResponseMetaData(ResponseMetadata metadata) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  /** {@return the response body exactly as received} */
  public String getRaw() {
    return metadata.rawBody();
  }

  /** {@return the HTTP status code} */
  public int getHttpStatusCode() {
    return metadata.statusCode();
  }

  /**
   * {@return the headers with the first value of each; lookups ignore case} {@link
   * #getHeaderValues()} has every value.
   */
  public Map<String, String> getHeaders() {
    Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    metadata.headers().asMap().forEach((name, values) -> first.put(name, values.get(0)));
    return Collections.unmodifiableMap(first);
  }

  /** {@return every header value; lookups ignore case} */
  public Map<String, List<String>> getHeaderValues() {
    return metadata.headers().asMap();
  }

  /** {@return the response metadata in the SDK's own type} */
  public ResponseMetadata toResponseMetadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "ResponseMetaData{httpStatusCode="
        + metadata.statusCode()
        + ", raw="
        + metadata.rawBody()
        + ", headers="
        + metadata.headers()
        + '}';
  }
}
