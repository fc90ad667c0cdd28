package io.github.ikpurge.conformance;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.conformance.HostileWire.Case;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own with a small heap by {@link WireMemoryConformanceTest}: makes many
 * failing exchanges of each heavy kind (header floods, bodies far over the limit, endless bodies)
 * against the hostile peer through one transport, sync and async (or sync only), and prints the
 * heap used after a full collection at the end of each round, then how many connections are still
 * open once the transport is closed. Any exchange that does not fail with a typed error ends the
 * run with exit status 2.
 */
public final class WireMemoryCheck {

  /** The cases that make a client read the most bytes. */
  static final Set<String> HEAVY =
      Set.of(
          "header section of 512 KiB",
          "20,000 tiny header lines",
          "an endless header section",
          "an endless header line",
          "Content-Length of 2 GiB",
          "endless chunks",
          "an endless close-delimited body");

  private WireMemoryCheck() {}

  /**
   * Runs the check.
   *
   * @param args the provider's class name, the number of rounds, the calls per case and round, and
   *     optionally {@code blocking} to make every call a blocking one
   * @throws Exception when the run cannot be set up
   */
  public static void main(String[] args) throws Exception {
    TransportProvider provider =
        (TransportProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    int rounds = Integer.parseInt(args[1]);
    int calls = Integer.parseInt(args[2]);
    boolean blockingOnly = args.length > 3 && args[3].equals("blocking");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<HostilePeer> peers = new ArrayList<>();
    List<PurgeClient> clients = new ArrayList<>();
    HttpTransport transport = provider.create(TransportOptions.defaults());
    try {
      for (Case wireCase : HostileWire.cases()) {
        if (HEAVY.contains(wireCase.name())) {
          HostilePeer peer = HostilePeer.start(wireCase.script());
          peers.add(peer);
          clients.add(client(transport, peer));
        }
      }
      for (int round = 1; round <= rounds; round++) {
        for (PurgeClient client : clients) {
          for (int call = 0; call < calls; call++) {
            fail(client, !blockingOnly && call % 2 == 1);
          }
        }
        System.gc();
        System.gc();
        System.out.printf("round %d heap %d%n", round, memory.getHeapMemoryUsage().getUsed());
      }
    } finally {
      for (PurgeClient client : clients) {
        client.close();
      }
      transport.close();
    }
    // A JDK client that kept connections open closes them once it is collected (Java 17).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int open;
    do {
      System.gc();
      open = 0;
      for (HostilePeer peer : peers) {
        if (!peer.awaitNoOpenConnections(Duration.ofMillis(100))) {
          open += peer.openConnections();
        }
      }
    } while (open > 0 && System.nanoTime() < deadline);
    for (HostilePeer peer : peers) {
      peer.close();
    }
    System.out.printf("open connections %d%n", open);
  }

  private static PurgeClient client(HttpTransport transport, HostilePeer peer) {
    return PurgeClient.builder()
        .baseUri(peer.uri())
        .privateKey("private_wire_memory")
        .transport(transport)
        .attemptTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(20))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .baseDelay(Duration.ofMillis(1))
                .maxDelay(Duration.ofMillis(5))
                .build())
        .build();
  }

  private static void fail(PurgeClient client, boolean async) throws InterruptedException {
    try {
      if (async) {
        client.async().status(HostileWire.REQUEST_ID).get(60, TimeUnit.SECONDS);
      } else {
        client.status(HostileWire.REQUEST_ID);
      }
    } catch (ImageKitException e) {
      return;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ImageKitException) {
        return;
      }
      e.printStackTrace();
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      e.printStackTrace();
    }
    System.out.println("a call did not fail with a typed error");
    System.exit(2);
  }
}
