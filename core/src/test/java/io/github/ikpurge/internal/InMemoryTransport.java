package io.github.ikpurge.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport that answers from a queue of outcomes without any network, for tests of the engine's
 * decisions. When the queue is empty it answers 200 with {@code {"status":"Completed"}}.
 */
final class InMemoryTransport implements HttpTransport {

  /** An outcome: no answer until the exchange is aborted, as from a server that went silent. */
  private static final Object STALL = new Object();

  private final String name;
  private final Deque<Object> outcomes = new ArrayDeque<>();
  private final List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();
  private final List<TransportRequest> requests = new ArrayList<>();
  private final AtomicInteger closes = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CompletableFuture<Void> released = new CompletableFuture<>();
  private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
  private int arrivals;
  private Error startFailure;

  InMemoryTransport() {
    this("in-memory");
  }

  /** A transport that shows {@code name} in the client's logs and errors. */
  InMemoryTransport(String name) {
    this.name = name;
  }

  synchronized InMemoryTransport respond(int status, String body) {
    outcomes.add(
        TransportResponse.of(
            status,
            Headers.builder().add("x-ik-requestId", "ik-" + outcomes.size()).build(),
            body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  synchronized InMemoryTransport respond(TransportResponse response) {
    outcomes.add(response);
    return this;
  }

  synchronized InMemoryTransport fail(HttpTransportException.Kind kind) {
    outcomes.add(new HttpTransportException(kind, kind + " in test", null));
    return this;
  }

  /** Queues an exception the exchange throws as it is, such as a library's own bug. */
  synchronized InMemoryTransport throwing(Exception exception) {
    outcomes.add(exception);
    return this;
  }

  /** Queues a failure that the transport's library put on the wire twice. */
  synchronized InMemoryTransport failSentTwice(HttpTransportException.Kind kind) {
    outcomes.add(new HttpTransportException(kind, kind + " sent twice in test", null, 2));
    return this;
  }

  /**
   * Makes every exchange from now on throw {@code error} as it starts, from {@link #execute} or
   * {@link #executeAsync} itself, as a transport missing a class of its library does.
   */
  synchronized InMemoryTransport failingToStart(Error error) {
    startFailure = error;
    return this;
  }

  private synchronized void start() {
    if (startFailure != null) {
      throw startFailure;
    }
  }

  /**
   * Queues an exchange that gets no answer: it ends only when the client aborts it (by {@link
   * Exchange#abort()} or by cancelling its future), or fails with {@code TIMEOUT} on {@link
   * #release()}.
   */
  synchronized InMemoryTransport stall() {
    outcomes.add(STALL);
    return this;
  }

  /** Returns the futures {@link #executeAsync} returned, in order. */
  synchronized List<CompletableFuture<TransportResponse>> exchanges() {
    return List.copyOf(exchanges);
  }

  synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public TransportResponse execute(TransportRequest request)
      throws IOException, InterruptedException {
    return prepare(request).call();
  }

  @Override
  public Exchange prepare(TransportRequest request) {
    CompletableFuture<Void> aborted = new CompletableFuture<>();
    return new Exchange() {
      @Override
      public TransportResponse call() throws IOException, InterruptedException {
        start();
        arrive().join();
        if (takeStall(request)) {
          // Silent until the client aborts the exchange, or the test lets the exchanges go.
          try {
            CompletableFuture.anyOf(aborted, released).get();
          } catch (ExecutionException e) {
            throw new AssertionError(e);
          }
          if (aborted.isDone()) {
            throw new IOException("aborted in test");
          }
          throw stalled(request);
        }
        Object thrown = peekThrown();
        if (thrown instanceof InterruptedException interrupted) {
          answer(request);
          throw interrupted;
        }
        return answer(request);
      }

      @Override
      public void abort() {
        aborted.complete(null);
      }
    };
  }

  private synchronized Object peekThrown() {
    return outcomes.peek();
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    start();
    CompletableFuture<Void> open;
    synchronized (this) {
      open = gate;
    }
    CompletableFuture<TransportResponse> exchange =
        open.thenCompose(
            ignored -> {
              if (takeStall(request)) {
                // Silent until the client cancels the future, or the test lets the exchanges go.
                CompletableFuture<TransportResponse> silent = new CompletableFuture<>();
                released.thenRun(() -> silent.completeExceptionally(stalled(request)));
                return silent;
              }
              try {
                return CompletableFuture.completedFuture(answer(request));
              } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
              }
            });
    synchronized (this) {
      // Counted once its future exists, so that a test that saw it arrive can cancel it.
      exchanges.add(exchange);
      arrivals++;
      notifyAll();
    }
    return exchange;
  }

  private synchronized boolean takeStall(TransportRequest request) {
    if (outcomes.peek() != STALL) {
      return false;
    }
    outcomes.poll();
    requests.add(request);
    return true;
  }

  private static HttpTransportException stalled(TransportRequest request) {
    return new HttpTransportException(
        HttpTransportException.Kind.TIMEOUT, "no answer before the test released it", null);
  }

  /**
   * Makes each exchange from now on wait, once it has arrived, until {@link #release()}.
   *
   * @return this transport
   */
  synchronized InMemoryTransport hold() {
    gate = new CompletableFuture<>();
    return this;
  }

  /** Lets the exchanges held by {@link #hold()} go on, and those after them pass. */
  synchronized void release() {
    released.complete(null);
    gate.complete(null);
  }

  /** Waits until at least {@code count} exchanges have arrived, held ones included. */
  synchronized void awaitArrivals(int count) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (arrivals < count) {
      long left = giveUp - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(arrivals + " exchanges arrived within 30 s, not " + count);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Waits until this transport has been closed: a client closes it from whichever thread ends its
   * last call, maybe just after the caller saw the call end.
   */
  boolean awaitClosed() throws InterruptedException {
    return closed.await(10, TimeUnit.SECONDS);
  }

  /** Returns how often this transport was closed. */
  int closes() {
    return closes.get();
  }

  private synchronized CompletableFuture<Void> arrive() {
    arrivals++;
    notifyAll();
    return gate;
  }

  private synchronized TransportResponse answer(TransportRequest request) throws IOException {
    requests.add(request);
    Object outcome = outcomes.poll();
    if (outcome instanceof HttpTransportException failure && failure.requestsSent() > 1) {
      // The request went out as often as the library says: count each send.
      for (int i = 1; i < failure.requestsSent(); i++) {
        requests.add(request);
      }
    }
    if (outcome instanceof IOException failure) {
      throw failure;
    }
    if (outcome instanceof RuntimeException failure) {
      throw failure;
    }
    if (outcome instanceof TransportResponse response) {
      return response;
    }
    return TransportResponse.of(
        200, Headers.empty(), "{\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    closes.incrementAndGet();
    closed.countDown();
  }
}
