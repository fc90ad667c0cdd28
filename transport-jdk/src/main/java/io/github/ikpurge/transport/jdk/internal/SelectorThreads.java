package io.github.ikpurge.transport.jdk.internal;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends the selector thread of a Java 17 to 20 {@link HttpClient}, which has no close or shutdown:
 * left alone, the thread lives until the client is garbage collected. Its loop runs while the
 * thread is not interrupted, and on its way out it closes the selector and the idle connections of
 * the client's pool. The thread is found by the name the JDK gives it, {@code
 * HttpClient-<id>-SelectorManager}, with the id the client's {@code toString()} ends with; if
 * either is not found, nothing is done.
 */
public final class SelectorThreads {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge.transport.jdk");
  private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

  private SelectorThreads() {}

  /**
   * Interrupts the client's selector thread. Only for a client with no exchange in flight: those
   * would be left without the thread that drives them.
   *
   * @param client the client, no longer used
   * @return whether its selector thread was found
   */
  public static boolean stop(HttpClient client) {
    Thread selector = find(client);
    if (selector == null) {
      LOG.log(Level.DEBUG, "No selector thread found for {0}", client);
      return false;
    }
    selector.interrupt();
    return true;
  }

  /**
   * Returns the client's selector thread, if it is running.
   *
   * @param client the client
   * @return the thread, or null
   */
  public static Thread find(HttpClient client) {
    Matcher id = CLIENT_ID.matcher(String.valueOf(client));
    if (!id.find()) {
      return null;
    }
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      if (name.equals(threads[i].getName())) {
        return threads[i];
      }
    }
    return null;
  }
}
