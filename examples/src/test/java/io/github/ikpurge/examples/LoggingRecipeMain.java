package io.github.ikpurge.examples;

import io.github.ikpurge.PurgeClient;

/**
 * Purges and asks for the status once, on the transport named; run by {@link LoggingRecipesTest}.
 */
public final class LoggingRecipeMain {

  private LoggingRecipeMain() {}

  /**
   * Runs the calls.
   *
   * @param args the simulator's base URI, its key, the transport's name
   */
  public static void main(String[] args) {
    try (PurgeClient client =
        PurgeClient.builder().baseUri(args[0]).privateKey(args[1]).transport(args[2]).build()) {
      String id = client.purge("https://ik.imagekit.io/demo/logging.jpg").requestId().value();
      System.out.println("status " + client.status(id).status().value());
    }
  }
}
