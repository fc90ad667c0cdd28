package io.github.ikpurge.benchmarks;

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
 * The status call written by hand on OkHttp, the library under ImageKit's official Java SDK, which
 * no transport runs on. Run in the same JMH run as {@link StatusThroughputBenchmark}, on the same
 * simulator set-up, so that every transport's score can be set against it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineThroughputBenchmark {

  @Param({"okhttp"})
  public String library;

  private StatusTarget target;
  private HandWritten handWritten;

  /** Starts the simulator and the client, and checks that it answers. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    target = new StatusTarget();
    handWritten = target.handWritten(library);
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    handWritten.close();
    target.close();
  }

  /** The call written by hand on the library. */
  @Benchmark
  public String handWritten() throws Exception {
    return handWritten.status(target.requestId());
  }
}
