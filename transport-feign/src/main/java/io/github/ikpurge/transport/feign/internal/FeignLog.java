package io.github.ikpurge.transport.feign.internal;

import feign.Request;
import feign.Response;
import feign.slf4j.Slf4jLogger;
import java.io.IOException;

/**
 * Feign's own request and response log lines, through feign-slf4j, at {@link
 * feign.Logger.Level#BASIC}: method, URL, status and time. Never headers, which carry the private
 * key in {@code Authorization}, and never bodies.
 */
final class FeignLog extends Slf4jLogger {

  /** Every line goes to this SLF4J logger, at debug level. */
  static final String LOGGER = "io.github.ikpurge.transport.feign";

  private static final Level LEVEL = Level.BASIC;

  FeignLog() {
    super(LOGGER);
  }

  void request(Request request) {
    logRequest(key(request), LEVEL, request);
  }

  Response response(Request request, Response response, long elapsedMillis) throws IOException {
    return logAndRebufferResponse(key(request), LEVEL, response, elapsedMillis);
  }

  void failure(Request request, IOException failure, long elapsedMillis) {
    logIOException(key(request), LEVEL, failure, elapsedMillis);
  }

  /** Feign tags each line with the part of this key before '('. */
  private static String key(Request request) {
    return "FeignHttpTransport#" + request.httpMethod() + "()";
  }
}
