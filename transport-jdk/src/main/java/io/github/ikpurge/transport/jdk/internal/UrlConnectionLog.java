package io.github.ikpurge.transport.jdk.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the JDK's {@code HttpURLConnection} logger from printing request headers: at {@code FINE}
 * (System logger {@code DEBUG}) it logs every one of them, the private key in {@code Authorization}
 * included, and no hook filters them.
 */
final class UrlConnectionLog {

  /** The logger {@code sun.net.www.protocol.http.HttpURLConnection} writes request headers to. */
  static final String LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

  private static final AtomicBoolean PINNED = new AtomicBoolean();

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static java.util.logging.Logger pinned;

  private UrlConnectionLog() {}

  /**
   * Pins the logger to {@code INFO} in java.util.logging unless the application set its level
   * itself (only the first call does), then tells whether it still logs at debug level: the
   * application chose so, or a System.LoggerFinder other than java.util.logging decides.
   *
   * @return whether HttpURLConnection would log request headers
   */
  static boolean logsHeaders() {
    if (PINNED.compareAndSet(false, true)) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LOGGER);
      if (logger.getLevel() == null) {
        logger.setLevel(java.util.logging.Level.INFO);
      }
      pinned = logger;
    }
    return System.getLogger(LOGGER).isLoggable(System.Logger.Level.DEBUG);
  }
}
