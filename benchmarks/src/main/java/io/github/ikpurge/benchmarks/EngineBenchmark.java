package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.json.BuiltInJsonCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine alone: a status call on a transport that answers at once from memory, so the score is
 * what the SDK itself costs a call. Run with {@code -prof gc} for the bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBenchmark {

  private PurgeClient client;

  /** Builds a client on the in-memory transport. */
  @Setup(Level.Trial)
  public void start() {
    client =
        PurgeClient.builder()
            .privateKey("private_benchmark_key")
            .transport(new InMemoryTransport())
            .jsonCodec(BuiltInJsonCodec.create())
            .build();
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
  }

  /** One status call through the whole engine. */
  @Benchmark
  public PurgeStatusResult status() {
    return client.status("598821f949c0a938d57563bd");
  }
}
