package io.github.ikpurge.transport.jdk.internal;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warns when the JDK client's own log prints request headers: with the system property {@code
 * jdk.httpclient.HttpClient.log} naming {@code headers} or {@code all}, it logs every header at
 * {@code INFO}, the private key in {@code Authorization} included. The transport cannot stop it:
 * the JDK reads the property once and offers no hook.
 */
public final class HttpClientLog {

  /** The system property that turns the JDK client's own log on. */
  public static final String PROPERTY = "jdk.httpclient.HttpClient.log";

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private HttpClientLog() {}

  /** Warns once per JVM, at the first transport built while the property logs headers. */
  public static void warnIfHeadersLogged() {
    if (logsHeaders(System.getProperty(PROPERTY)) && WARNED.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "The system property "
              + PROPERTY
              + "="
              + System.getProperty(PROPERTY)
              + " makes the JDK's HttpClient log every request header, the private key in"
              + " Authorization included, to the logger jdk.httpclient.HttpClient. Remove"
              + " \"headers\" and \"all\" from it.");
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
