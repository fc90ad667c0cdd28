package io.github.ikpurge.examples;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import java.time.Duration;

/**
 * Purges a file and waits for it on core and the JDK transport alone; run by {@link LowMemoryTest}
 * in a JVM with a 32 MiB heap. Arguments: base URI, private key.
 */
public final class LowMemoryMain {

  private LowMemoryMain() {}

  /**
   * Runs a purge and a wait, and prints the final status.
   *
   * @param args base URI, private key
   */
  public static void main(String[] args) {
    try (PurgeClient client =
        PurgeClient.builder()
            .baseUri(args[0])
            .privateKey(args[1])
            .pollPolicy(PollPolicy.builder().initialDelay(Duration.ofMillis(50)).build())
            .build()) {
      String last = "";
      for (int i = 0; i < 50; i++) {
        last =
            client
                .purgeAndAwait("https://ik.imagekit.io/demo/" + i + ".jpg", Duration.ofSeconds(30))
                .status()
                .value();
      }
      System.out.println(client.transportName() + " " + last);
    }
  }
}
