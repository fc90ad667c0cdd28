package io.github.ikpurge.transport.feign.internal;

import feign.Request;
import feign.Response;
import feign.slf4j.Slf4jLogger;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * What the transport logs, and what it keeps the JDK from logging. Feign's own request and response
 * lines go through feign-slf4j at {@link feign.Logger.Level#BASIC}: method, URL, status and time;
 * never headers, which carry the private key in {@code Authorization}, and never bodies. The JDK's
 * {@code HttpURLConnection} logger is kept below {@code FINE} (System logger {@code DEBUG}), where
 * it prints every request header, {@code Authorization} included.
 */
final class FeignLog extends Slf4jLogger {

  /** Every line goes to this SLF4J logger, at debug level. */
  static final String LOGGER = "io.github.ikpurge.transport.feign";

  /** The logger {@code sun.net.www.protocol.http.HttpURLConnection} writes request headers to. */
  static final String JDK_LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

  private static final Level LEVEL = Level.BASIC;

  private static final AtomicBoolean JDK_LOGGER_GUARDED = new AtomicBoolean();

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static java.util.logging.Logger pinnedJdkLogger;

  FeignLog() {
    super(LOGGER);
  }

  /**
   * Pins the JDK's {@code HttpURLConnection} logger to {@code INFO} in java.util.logging unless the
   * application set its level itself, then warns once through SLF4J if it still logs at debug level
   * (a System.LoggerFinder other than java.util.logging, such as slf4j-jdk-platform-logging,
   * decides there). Only the first call does anything.
   */
  static void guardJdkLogger() {
    if (!JDK_LOGGER_GUARDED.compareAndSet(false, true)) {
      return;
    }
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(JDK_LOGGER);
    if (logger.getLevel() == null) {
      logger.setLevel(java.util.logging.Level.INFO);
    }
    pinnedJdkLogger = logger;
    if (System.getLogger(JDK_LOGGER).isLoggable(System.Logger.Level.DEBUG)) {
      LoggerFactory.getLogger(LOGGER)
          .warn(
              "The JDK logger {} is enabled at debug level: HttpURLConnection then logs every"
                  + " request header, the private key in Authorization included. Set it to INFO.",
              JDK_LOGGER);
    }
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
