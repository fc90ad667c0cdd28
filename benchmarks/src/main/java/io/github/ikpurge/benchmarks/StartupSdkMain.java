package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;

/**
 * A fresh JVM's first status result through the SDK, on core and the JDK transport alone.
 * Arguments: base URI, private key, request id.
 */
public final class StartupSdkMain {

  private StartupSdkMain() {}

  /**
   * Prints the status of one purge and exits.
   *
   * @param args base URI, private key, request id
   */
  public static void main(String[] args) {
    try (PurgeClient client = PurgeClient.builder().baseUri(args[0]).privateKey(args[1]).build()) {
      System.out.println(client.status(args[2]).status().value());
    }
  }
}
