package io.github.ikpurge.transport.feign.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JDK's {@code HttpURLConnection} from logging the private key: at {@code FINE} (System
 * logger {@code DEBUG}) its logger prints every request header, {@code Authorization} included.
 */
final class JdkHttpLogging {

  /** The logger {@code sun.net.www.protocol.http.HttpURLConnection} writes request headers to. */
  static final String LOGGER = "sun.net.www.protocol.http.HttpURLConnection";

  private static final AtomicBoolean DONE = new AtomicBoolean();

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static Logger pinned;

  private JdkHttpLogging() {}

  /**
   * Pins the logger to {@code INFO} in java.util.logging unless the application set its level
   * itself, then warns once through SLF4J if it still logs at debug level (a System.LoggerFinder
   * other than java.util.logging, such as slf4j-jdk-platform-logging, decides there).
   */
  static void guard() {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    Logger logger = Logger.getLogger(LOGGER);
    if (logger.getLevel() == null) {
      logger.setLevel(Level.INFO);
    }
    pinned = logger;
    if (System.getLogger(LOGGER).isLoggable(System.Logger.Level.DEBUG)) {
      LoggerFactory.getLogger(FeignLog.LOGGER)
          .warn(
              "The JDK logger {} is enabled at debug level: HttpURLConnection then logs every"
                  + " request header, the private key in Authorization included. Set it to INFO.",
              LOGGER);
    }
  }
}
