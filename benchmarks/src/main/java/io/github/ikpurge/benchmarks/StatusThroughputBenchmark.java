package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.util.concurrent.TimeUnit;
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
 * A status query through the SDK against the same query written by hand on the same HTTP library,
 * both against the in-process simulator on loopback with keep-alive. Run with {@code -t 1} and
 * {@code -t 16}; the ratio of the two scores is what counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatusThroughputBenchmark {

  @Param({"jdk", "apache", "feign"})
  public String transport;

  private ImageKitSimulator simulator;
  private PurgeClient sdk;
  private HandWritten handWritten;
  private String requestId;

  /** Starts the simulator and both clients, and checks that both answer. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    simulator =
        ImageKitSimulator.builder()
            .completeAfterPolls(Integer.MAX_VALUE)
            .journalCapacity(0)
            .start();
    requestId = simulator.registerPurge("https://ik.imagekit.io/demo/sample.jpg");
    sdk = simulator.clientBuilder().transport(transport).retryPolicy(RetryPolicy.none()).build();
    handWritten = HandWritten.of(transport, simulator.baseUri(), simulator.privateKey());
    if (!"Pending".equals(sdk.status(requestId).status().value())
        || !"Pending".equals(handWritten.status(requestId))) {
      throw new IllegalStateException("the clients do not answer as expected");
    }
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sdk.close();
    handWritten.close();
    simulator.close();
  }

  /** The SDK's status call. */
  @Benchmark
  public String sdk() {
    return sdk.status(requestId).status().value();
  }

  /** The same call written by hand on the same library. */
  @Benchmark
  public String handWritten() throws Exception {
    return handWritten.status(requestId);
  }
}
