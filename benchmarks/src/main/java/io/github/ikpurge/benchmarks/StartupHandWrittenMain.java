package io.github.ikpurge.benchmarks;

import java.net.URI;

/**
 * A fresh JVM's first status result written by hand on the JDK's HttpClient, the baseline of the
 * start-up run. Arguments: base URI, private key, request id.
 */
public final class StartupHandWrittenMain {

  private StartupHandWrittenMain() {}

  /**
   * Prints the status of one purge and exits.
   *
   * @param args base URI, private key, request id
   * @throws Exception if the call fails
   */
  public static void main(String[] args) throws Exception {
    try (HandWritten client = new HandWritten.Jdk(URI.create(args[0]), args[1])) {
      System.out.println(client.status(args[2]));
    }
  }
}
