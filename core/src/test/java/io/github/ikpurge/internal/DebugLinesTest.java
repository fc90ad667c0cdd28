package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The debug lines of docs/retries-and-rate-limits.md: one per attempt, whatever it came to, and one
 * when a client creates its transport.
 */
class DebugLinesTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";

  /** This test's transport: lines of other tests' calls that end late name another. */
  private static final String NAME = "debug-lines";

  private final Logger sdk = Logger.getLogger("io.github.ikpurge");
  private final Level level = sdk.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          String line = formatter.formatMessage(record);
          if (record.getLevel() == Level.FINE && line.contains(NAME)) {
            synchronized (lines) {
              lines.add(line);
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final InMemoryTransport transport = new InMemoryTransport(NAME);

  DebugLinesTest() {
    handler.setLevel(Level.ALL);
    sdk.addHandler(handler);
    sdk.setLevel(Level.ALL);
  }

  @AfterEach
  void stop() {
    sdk.removeHandler(handler);
    sdk.setLevel(level);
  }

  @Test
  void eachAttemptWritesOneLineWithWhatItCameTo() {
    transport
        .fail(Kind.CONNECT)
        .failSentTwice(Kind.CONNECT)
        .respond(200, "{\"status\":\"Completed\"}");
    try (PurgeClient client = client(RetryPolicy.builder().maxAttempts(5))) {
      client.status("abc");
    }

    assertThat(timed())
        .containsExactly(
            "GET /v1/files/purge/abc -> failed (HttpTransportException: CONNECT in test)"
                + " attempt 1/5 in N ms x-ik-requestId=- transport=debug-lines",
            "GET /v1/files/purge/abc -> failed (HttpTransportException: CONNECT sent twice in"
                + " test) attempt 2-3/5 in N ms x-ik-requestId=- transport=debug-lines",
            "GET /v1/files/purge/abc -> 200 attempt 4/5 in N ms x-ik-requestId=ik-2 transport=debug-lines");
  }

  @Test
  void anAttemptTheTransportFailedUnexpectedlyWritesItsLineToo() {
    transport.throwing(new IllegalStateException("library bug"));
    try (PurgeClient client = client(RetryPolicy.builder())) {
      client.purge(URL);
    } catch (RuntimeException expected) {
      // The error itself is RetryDecisionsTest's; here, its line.
    }

    assertThat(timed())
        .singleElement()
        .isEqualTo(
            "POST /v1/files/purge -> failed (IllegalStateException: library bug) attempt 1/3 in N ms x-ik-requestId=- transport=debug-lines");
  }

  @Test
  void aClientThatCreatesItsTransportSaysWhichWithWhichCodec() {
    TransportProvider provider = FakeProviders.creating(NAME, options -> transport);
    ClientSettings settings =
        ClientSettings.builder()
            .privateKey("private_debug")
            .baseUri(PurgeClient.DEFAULT_BASE_URI)
            .build();

    DefaultPurgeClient.create(settings, provider).close();

    assertThat(lines)
        .containsExactly(
            "Created PurgeClient for https://api.imagekit.io with transport debug-lines and JSON"
                + " codec builtin");
  }

  private PurgeClient client(RetryPolicy.Builder retries) {
    return PurgeClient.builder()
        .privateKey("private_debug")
        .transport(transport)
        .retryPolicy(retries.baseDelay(Duration.ofNanos(1)).maxDelay(Duration.ofNanos(1)).build())
        .build();
  }

  /** The lines, each attempt's time in milliseconds, which no test can know, shown as N. */
  private List<String> timed() {
    synchronized (lines) {
      return lines.stream().map(line -> line.replaceAll(" in \\d+ ms ", " in N ms ")).toList();
    }
  }
}
