package io.github.ikpurge.transport.jdk.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warns when the JDK client's own log prints request headers: with the system property {@code
 * jdk.httpclient.HttpClient.log} naming {@code headers} or {@code all}, it logs every header at
 * {@code INFO}, the private key in {@code Authorization} included. The transport cannot stop it:
 * the JDK reads the property once and offers no hook. The same goes for HttpURLConnection's logger
 * at a debug level ({@link UrlConnectionLog}).
 */
public final class HttpClientLog {

  /** The system property that turns the JDK client's own log on. */
  public static final String PROPERTY = "jdk.httpclient.HttpClient.log";

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final AtomicBoolean URL_CONNECTION_WARNED = new AtomicBoolean();

  private HttpClientLog() {}

  /** Warns once per JVM, at the first transport built while the property logs headers. */
  public static void warnIfHeadersLogged() {
    warnIfHeadersLogged(false);
  }

  /**
   * Warns once per JVM and setting, at the first transport built while the property (or, for a
   * transport on HttpURLConnection, that logger) logs headers; one warning names every setting.
   *
   * @param urlConnection whether the transport sends on HttpURLConnection too, whose logger is then
   *     kept at {@code INFO} unless the application chose its level
   */
  public static void warnIfHeadersLogged(boolean urlConnection) {
    List<String> settings = new ArrayList<>();
    String value = System.getProperty(PROPERTY);
    if (logsHeaders(value) && WARNED.compareAndSet(false, true)) {
      settings.add(
          "the system property "
              + PROPERTY
              + "="
              + value
              + " makes the JDK's HttpClient log every request header to the logger"
              + " jdk.httpclient.HttpClient (remove \"headers\" and \"all\" from it)");
    }
    if (urlConnection
        && UrlConnectionLog.logsHeaders()
        && URL_CONNECTION_WARNED.compareAndSet(false, true)) {
      settings.add(
          "the JDK logger "
              + UrlConnectionLog.LOGGER
              + " is enabled at debug level, where HttpURLConnection logs every request header"
              + " (set it to INFO)");
    }
    if (!settings.isEmpty()) {
      // One line, whatever leaks: the private key in Authorization is in every such header log.
      LOG.log(
          Level.WARNING,
          String.join("; and ", settings) + ": the private key in Authorization included.");
    }
  }

  /**
   * Returns whether a value of the property makes the JDK log request headers.
   *
   * @param value the property's value, or null
   * @return whether it names {@code headers} or {@code all}
   */
  static boolean logsHeaders(String value) {
    if (value == null) {
      return false;
    }
    for (String token : value.split(",")) {
      String name = token.trim().toLowerCase(Locale.ROOT);
      if (name.equals("headers") || name.equals("all")) {
        return true;
      }
    }
    return false;
  }
}
