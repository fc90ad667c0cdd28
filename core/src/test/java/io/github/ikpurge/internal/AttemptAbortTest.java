package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's timer aborts a blocking attempt at its deadline, and the engine alone deals with the
 * interrupts that aborting involves.
 */
class AttemptAbortTest {

  private static final TransportResponse COMPLETED =
      TransportResponse.of(
          200, Headers.empty(), "{\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8));

  private static PurgeClient client(HttpTransport transport) {
    return PurgeClient.builder()
        .privateKey("private_test_" + System.nanoTime())
        .transport(transport)
        .attemptTimeout(Duration.ofMillis(200))
        .callTimeout(Duration.ofSeconds(30))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(2)
                .baseDelay(Duration.ZERO)
                .maxDelay(Duration.ZERO)
                .build())
        .build();
  }

  /**
   * A transport that overrides only execute() is aborted by an interrupt of its thread (the SPI's
   * default prepare()): the first attempt waits until interrupted, the second answers.
   */
  private static final class WaitsUntilInterrupted implements HttpTransport {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch never = new CountDownLatch(1);

    @Override
    public TransportResponse execute(TransportRequest request) throws InterruptedException {
      if (calls.incrementAndGet() == 1) {
        never.await();
      }
      return COMPLETED;
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return CompletableFuture.failedFuture(new IOException("not used"));
    }

    @Override
    public String name() {
      return "waits-until-interrupted";
    }

    @Override
    public void close() {}
  }

  /**
   * A transport whose exchange blocks in a socket read from a server that never answers, which an
   * interrupt does not reach; its abort closes the socket. (A wait such as {@code
   * CompletableFuture.join()} would not do: it clears the interrupt while it waits, so the client's
   * timer could not see it.)
   */
  private static final class IgnoresInterrupts implements HttpTransport {
    final CountDownLatch arrived = new CountDownLatch(1);
    final ServerSocket server;

    IgnoresInterrupts() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Override
    public TransportResponse execute(TransportRequest request)
        throws IOException, InterruptedException {
      return prepare(request).call();
    }

    @Override
    public Exchange prepare(TransportRequest request) {
      Socket socket = new Socket();
      return new Exchange() {
        @Override
        public TransportResponse call() throws IOException {
          socket.connect(server.getLocalSocketAddress());
          arrived.countDown();
          int read = socket.getInputStream().read();
          throw new IOException("the silent server sent " + read);
        }

        @Override
        public void abort() {
          try {
            socket.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      return CompletableFuture.failedFuture(new IOException("not used"));
    }

    @Override
    public String name() {
      return "ignores-interrupts";
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void anAttemptAbortedByInterruptingItsThreadIsRetriedAndLeavesNoInterrupt() {
    WaitsUntilInterrupted transport = new WaitsUntilInterrupted();
    PurgeClient client = client(transport);

    PurgeStatusResult result = client.status("abc");

    assertThat(result.status()).isEqualTo(PurgeCacheStatus.COMPLETED);
    assertThat(transport.calls).as("aborted at the attempt deadline, then retried").hasValue(2);
    assertThat(Thread.interrupted()).as("the abort's interrupt was cleared").isFalse();
  }

  @Test
  void anAttemptThatIgnoresInterruptsIsAbortedAtTheDeadlineAsTheAttemptsTimeout()
      throws IOException {
    IgnoresInterrupts transport = new IgnoresInterrupts();
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .attemptTimeout(Duration.ofMillis(200))
            .callTimeout(Duration.ofSeconds(30))
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
            .build();

    Throwable thrown = catchThrown(() -> client.status("abc"));

    assertThat(thrown).isInstanceOf(ImageKitTimeoutException.class);
    assertThat(((ImageKitTimeoutException) thrown).scope())
        .isEqualTo(ImageKitTimeoutException.Scope.ATTEMPT);
    assertThat(Thread.interrupted()).isFalse();
    client.close();
  }

  @Test
  void aCallerInterruptedInAnAttemptThatIgnoresInterruptsEndsInterrupted() throws Exception {
    IgnoresInterrupts transport = new IgnoresInterrupts();
    PurgeClient client =
        PurgeClient.builder()
            .privateKey("private_test_" + System.nanoTime())
            .transport(transport)
            .attemptTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofSeconds(60))
            .build();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              outcome.complete(catchThrown(() -> client.status("abc")));
              stillInterrupted.complete(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertThat(transport.arrived.await(30, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();

    Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
    assertThat(thrown)
        .isExactlyInstanceOf(ImageKitException.class)
        .hasMessageContaining("interrupted");
    assertThat(stillInterrupted.get(30, TimeUnit.SECONDS))
        .as("the caller's interrupt is left to the caller")
        .isTrue();
    client.close();
  }

  private static Throwable catchThrown(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
