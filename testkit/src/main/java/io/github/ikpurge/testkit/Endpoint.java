package io.github.ikpurge.testkit;

/** The parts of the API the simulator tells apart, for scripting and the journal. */
public enum Endpoint {
  /** {@code POST /v1/files/purge}. */
  PURGE,
  /** {@code GET /v1/files/purge/{requestId}}. */
  STATUS,
  /** Anything else. */
  OTHER;

  /**
   * Returns the endpoint a request addresses.
   *
   * @param method the HTTP method
   * @param path the request path
   * @return the endpoint
   */
  public static Endpoint of(String method, String path) {
    if ("POST".equals(method) && "/v1/files/purge".equals(path)) {
      return PURGE;
    }
    String prefix = "/v1/files/purge/";
    if ("GET".equals(method)
        && path.startsWith(prefix)
        && path.length() > prefix.length()
        && path.indexOf('/', prefix.length()) < 0) {
      return STATUS;
    }
    return OTHER;
  }
}
