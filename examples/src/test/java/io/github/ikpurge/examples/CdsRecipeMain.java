package io.github.ikpurge.examples;

import io.github.ikpurge.PurgeClient;

/**
 * The application of {@code CdsRecipeTest}: builds a client on core and the JDK transport and asks
 * for the status of one purge. Arguments: base URI, private key, request id.
 */
public final class CdsRecipeMain {

  private CdsRecipeMain() {}

  /**
   * Prints the status and exits.
   *
   * @param args base URI, private key, request id
   */
  public static void main(String[] args) {
    try (PurgeClient client =
        PurgeClient.builder().baseUri(args[0]).privateKey(args[1]).transport("jdk").build()) {
      System.out.println("status " + client.status(args[2]).status().value());
    }
  }
}
