package io.github.ikpurge.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.conformance.ForkedJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transport of the {@code jdk} provider used only for blocking calls loads no {@code
 * java.net.http} class and starts no HttpClient selector thread; its first asynchronous call builds
 * the client. Runs in a JVM of its own, whose class loading is logged.
 */
class UrlConnectionLazyClientTest {

  @Test
  void blockingCallsLoadNoHttpClientClassUntilTheFirstAsynchronousCall() throws Exception {
    ForkedJvm.Result run =
        ForkedJvm.run(
            Duration.ofMinutes(2), List.of("-Xlog:class+load=info"), LazyHttpClientCheck.class);
    String output = run.output();
    assertThat(run.exitCode()).as(output).isZero();
    int mark = output.indexOf(LazyHttpClientCheck.SYNC_DONE);
    assertThat(mark).as(output).isPositive();
    String beforeAsync = output.substring(0, mark);
    String afterAsync = output.substring(mark);

    assertThat(beforeAsync.lines().filter(UrlConnectionLazyClientTest::httpClientClass))
        .as("java.net.http classes loaded by blocking calls")
        .isEmpty();
    assertThat(beforeAsync).contains("sun.net.www.protocol.http.HttpURLConnection ");
    assertThat(afterAsync.lines().findFirst().orElseThrow()).endsWith("selector threads 0");
    assertThat(afterAsync.lines().filter(UrlConnectionLazyClientTest::httpClientClass))
        .as("java.net.http classes loaded by the first asynchronous call")
        .isNotEmpty();
    assertThat(afterAsync).contains("MARK async call done, selector threads 1");
  }

  private static boolean httpClientClass(String line) {
    return line.contains(" java.net.http.") || line.contains(" jdk.internal.net.http.");
  }
}
