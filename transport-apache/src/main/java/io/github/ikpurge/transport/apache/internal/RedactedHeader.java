package io.github.ikpurge.transport.apache.internal;

import java.util.Locale;
import java.util.Set;
import org.apache.hc.core5.http.Header;

/**
 * A request header whose {@link #toString()} hides its value. HttpClient's debug header log ({@code
 * org.apache.hc.client5.http.headers}) prints headers through {@code toString()}, and the request
 * carries the private key in {@code Authorization}; the wire gets {@link #getValue()}.
 */
final class RedactedHeader implements Header {

  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie");

  private final String name;
  private final String value;

  RedactedHeader(String name, String value) {
    this.name = name;
    this.value = value;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getValue() {
    return value;
  }

  @Override
  public boolean isSensitive() {
    // Tells HTTP/2's HPACK never to index it; HTTP/1.1 ignores it.
    return SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name + ": <redacted>";
  }
}
