package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;
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
 * A status query through the SDK against the same query written by hand on the library the
 * transport runs on, both against the in-process simulator on loopback with keep-alive. The JDK
 * transport is measured on each of its engines for blocking calls: {@code jdk} (HttpURLConnection,
 * the default) and {@code jdk-httpclient}. Run with {@code -t 1} and {@code -t 16}; the ratio of
 * the two scores is what counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatusThroughputBenchmark {

  @Param({"jdk", "jdk-httpclient", "apache", "feign"})
  public String transport;

  private StatusTarget target;
  private PurgeClient sdk;
  private HandWritten handWritten;

  /** Starts the simulator and both clients, and checks that both answer. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    target = new StatusTarget();
    sdk = target.sdk(transport);
    handWritten = target.handWritten(transport);
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sdk.close();
    handWritten.close();
    target.close();
  }

  /** The SDK's status call. */
  @Benchmark
  public String sdk() {
    return sdk.status(target.requestId()).status().value();
  }

  /** The same call written by hand on the same library. */
  @Benchmark
  public String handWritten() throws Exception {
    return handWritten.status(target.requestId());
  }
}
