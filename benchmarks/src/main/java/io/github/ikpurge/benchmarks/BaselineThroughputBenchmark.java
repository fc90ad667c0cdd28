package io.github.ikpurge.benchmarks;

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
 * The status call written by hand on libraries no transport runs on: OkHttp, the library under
 * ImageKit's official Java SDK, and the JDK's {@code HttpURLConnection}. Run in the same JMH run as
 * {@link StatusThroughputBenchmark}, on the same simulator set-up, so that every transport's score
 * can be set against them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineThroughputBenchmark {

  @Param({"okhttp", "urlconnection"})
  public String library;

  private ImageKitSimulator simulator;
  private HandWritten handWritten;
  private String requestId;

  /** Starts the simulator and the client, and checks that it answers. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    simulator =
        ImageKitSimulator.builder()
            .completeAfterPolls(Integer.MAX_VALUE)
            .journalCapacity(0)
            .start();
    requestId = simulator.registerPurge("https://ik.imagekit.io/demo/sample.jpg");
    handWritten = HandWritten.of(library, simulator.baseUri(), simulator.privateKey());
    if (!"Pending".equals(handWritten.status(requestId))) {
      throw new IllegalStateException("the client does not answer as expected");
    }
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    handWritten.close();
    simulator.close();
  }

  /** The call written by hand on the library. */
  @Benchmark
  public String handWritten() throws Exception {
    return handWritten.status(requestId);
  }
}
