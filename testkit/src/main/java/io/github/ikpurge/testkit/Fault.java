package io.github.ikpurge.testkit;

/**
 * A way the API, a proxy or the network can misbehave, as the simulator plays it. Serve one with
 * {@link ImageKitSimulator#enqueueFault(Endpoint, Fault)}, or a random mix with {@link FaultMix}.
 */
public enum Fault {
  /** HTTP 500 with ImageKit's error body. */
  SERVER_ERROR,
  /** HTTP 503 to this request and to the next one of the same endpoint: a short burst. */
  BURST_OF_503,
  /** HTTP 502 with an HTML page, as a proxy in front of the API answers. */
  BAD_GATEWAY_HTML,
  /** HTTP 429 with {@code X-RateLimit-*} headers asking for a short wait. */
  RATE_LIMITED,
  /** The normal answer, but only after the slow delay. */
  SLOW_HEADERS,
  /** The normal status and headers at once, the body only after the slow delay. */
  SLOW_BODY,
  /** The connection is closed without any answer; the request is not processed. */
  DROPPED_CONNECTION,
  /** The normal answer announced in full, but the connection is closed mid-body. */
  CUT_BODY,
  /** HTTP 200 whose JSON body is cut short: a complete HTTP message, a broken document. */
  TRUNCATED_JSON,
  /** HTTP 200 with a body of the oversized length, larger than a client should accept. */
  OVERSIZED_BODY
}
