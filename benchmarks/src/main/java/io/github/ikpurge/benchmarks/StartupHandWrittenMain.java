package io.github.ikpurge.benchmarks;

import java.net.URI;

/**
 * A fresh JVM's first status result written by hand on one library, a baseline of the start-up run.
 * Arguments: the library ({@code jdk}, {@code urlconnection}, {@code apache}, {@code feign} or
 * {@code okhttp}), base URI, private key, request id.
 */
public final class StartupHandWrittenMain {

  private StartupHandWrittenMain() {}

  /**
   * Prints the status of one purge and exits.
   *
   * @param args library, base URI, private key, request id
   * @throws Exception if the call fails
   */
  public static void main(String[] args) throws Exception {
    try (HandWritten client = HandWritten.of(args[0], URI.create(args[1]), args[2])) {
      System.out.println(client.status(args[3]));
    }
  }
}
