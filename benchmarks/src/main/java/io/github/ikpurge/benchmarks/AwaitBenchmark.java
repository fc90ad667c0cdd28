package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A thousand asynchronous waits at once, on a simulator that completes each purge on its fourth
 * poll (after three Pending answers), polling every 50 ms: the ideal schedule ends after 150 ms.
 * The score is the wall time of the whole batch; {@code peakClientThreads} counts the threads of
 * the client side (everything but the in-process simulator's) at the busiest moment of a batch (JMH
 * sums the counter over iterations: read its per-iteration values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AwaitBenchmark {

  /** The number of waits started at once. */
  public static final int WAITS = 1000;

  /** The schedule's ideal duration: three 50 ms delays. */
  public static final Duration IDEAL = Duration.ofMillis(150);

  @Param({"jdk", "apache", "feign"})
  public String transport;

  private ImageKitSimulator simulator;
  private PurgeClient client;
  private final List<String> ids = new ArrayList<>();

  /** What the benchmark counts besides time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Threads {
    /** The most client-side threads alive at once during the batch. */
    public long peakClientThreads;
  }

  /** Starts the simulator and the client. */
  @Setup(Level.Trial)
  public void start() {
    simulator = ImageKitSimulator.builder().completeAfterPolls(3).journalCapacity(0).start();
    client =
        simulator
            .clientBuilder()
            .transport(transport)
            .pollPolicy(
                PollPolicy.builder()
                    .initialDelay(Duration.ofMillis(50))
                    .multiplier(1)
                    .maxDelay(Duration.ofMillis(50))
                    .jitter(0)
                    .build())
            .build();
  }

  /** Registers a fresh purge for every wait, so each starts Pending. */
  @Setup(Level.Invocation)
  public void registerPurges() {
    ids.clear();
    for (int i = 0; i < WAITS; i++) {
      ids.add(simulator.registerPurge("https://ik.imagekit.io/demo/" + i + ".jpg"));
    }
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    simulator.close();
  }

  /** Starts every wait, then waits for all, sampling the client's threads meanwhile. */
  @Benchmark
  public int awaitAll(Threads threads) throws Exception {
    List<CompletableFuture<PurgeStatusResult>> waits = new ArrayList<>(WAITS);
    for (String id : ids) {
      waits.add(client.async().awaitCompletion(id, Duration.ofSeconds(60)));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    long peak = 0;
    while (!all.isDone()) {
      peak = Math.max(peak, clientThreads());
      Thread.sleep(5);
    }
    threads.peakClientThreads = Math.max(peak, clientThreads());
    int completed = 0;
    for (CompletableFuture<PurgeStatusResult> wait : waits) {
      if (wait.get().status().isCompleted()) {
        completed++;
      }
    }
    if (completed != WAITS) {
      throw new IllegalStateException(completed + " of " + WAITS + " waits completed");
    }
    return completed;
  }

  static long clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !thread.getName().startsWith("ikpurge-simulator-"))
        .filter(thread -> !thread.getName().startsWith("HTTP-Dispatcher"))
        .filter(thread -> !thread.getName().startsWith("server-timer"))
        .filter(thread -> !thread.getName().startsWith("idle-timeout-task"))
        .count();
  }
}
