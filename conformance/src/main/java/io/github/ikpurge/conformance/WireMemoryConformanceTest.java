package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The memory a transport keeps after failed exchanges of the heaviest kinds stays flat: in a JVM
 * with a 32 MiB heap, rounds of header floods, bodies far over the limit and endless bodies end
 * with no {@link OutOfMemoryError}, no connection left open once the transport is closed, and the
 * heap after a full collection in the last two rounds no higher than in the first two (a margin of
 * 4 MiB: a client's threads and buffers may still be winding down when the heap is read, while a
 * leak grows with every round). A transport module extends this class and implements {@link
 * #provider()}.
 */
public abstract class WireMemoryConformanceTest {

  private static final int ROUNDS = 6;
  private static final int CALLS_PER_CASE = 4;
  private static final long MARGIN_BYTES = 4L << 20;
  private static final Pattern HEAP = Pattern.compile("round (\\d+) heap (\\d+)");
  private static final Pattern OPEN = Pattern.compile("open connections (\\d+)");

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /**
   * Returns whether only blocking calls are checked, for a transport whose asynchronous path is
   * known to keep connections (say why where you override it); by default half the calls are
   * asynchronous.
   */
  protected boolean blockingOnly() {
    return false;
  }

  @Test
  void theHeapStaysFlatAndNoConnectionStaysOpenAfterManyHeavyFailures() throws Exception {
    ForkedJvm.Result run =
        ForkedJvm.run(
            Duration.ofMinutes(5),
            List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
            WireMemoryCheck.class,
            provider().getClass().getName(),
            Integer.toString(ROUNDS),
            Integer.toString(CALLS_PER_CASE),
            blockingOnly() ? "blocking" : "both");
    String output = run.output();
    System.out.printf("wire memory on %s:%n%s", provider().name(), output);

    assertThat(run.exitCode()).as(output).isZero();
    List<Long> heap = new ArrayList<>();
    for (Matcher line = HEAP.matcher(output); line.find(); ) {
      heap.add(Long.parseLong(line.group(2)));
    }
    assertThat(heap).as(output).hasSize(ROUNDS);
    long early = Math.max(heap.get(0), heap.get(1));
    long late = Math.min(heap.get(ROUNDS - 2), heap.get(ROUNDS - 1));
    assertThat(late)
        .as("heap after the last two rounds, against the first two: %s", heap)
        .isLessThanOrEqualTo(early + MARGIN_BYTES);
    Matcher open = OPEN.matcher(output);
    assertThat(open.find()).as(output).isTrue();
    assertThat(Integer.parseInt(open.group(1))).as("connections left open").isZero();
  }
}
