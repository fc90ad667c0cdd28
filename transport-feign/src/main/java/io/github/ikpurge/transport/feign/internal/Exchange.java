package io.github.ikpurge.transport.feign.internal;

import feign.Request;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import java.io.Closeable;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One exchange in flight: what it is blocked on, and how to abort it from another thread. It keeps
 * no time: the client aborts it. Aborting records it at once and then, on a thread of the abort
 * pool all Feign transports share, disconnects, closes and cancels what it can until the thread
 * running the exchange has noticed; that thread reports the failure.
 */
final class Exchange {

  /** Where the exchange stands; every state but {@link #RUNNING} is final. */
  enum State {
    RUNNING,
    DONE,
    CANCELLED
  }

  /**
   * Runs the aborts of every Feign transport: a daemon thread per exchange being aborted, which
   * lives until that exchange has ended and then idles out after 10 s.
   */
  // A thread of its own, as closing an HttpURLConnection body waits for a read in progress.
  private static final ExecutorService ABORTS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          10,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          FeignExchanges.daemons("ikpurge-feign-abort-"));

  /** The longest pause between two rounds of closing an aborted exchange's connection and body. */
  private static final long MAX_ABORT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /**
   * Lets the default client, deep inside Feign, find the exchange it is opening a connection for.
   */
  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  private final TransportRequest request;
  private final Object lock = new Object();

  // Guarded by lock.
  private State state = State.RUNNING;
  private boolean finished;
  private HttpURLConnection connection;
  private Closeable body;
  private Future<?> pending;
  private Thread worker;
  private boolean workerInterrupted;
  private boolean connectClipped;

  Exchange(TransportRequest request) {
    this.request = request;
  }

  /** Returns the exchange the current thread is running inside a Feign client, or null. */
  static Exchange current() {
    return CURRENT.get();
  }

  TransportRequest request() {
    return request;
  }

  /** Marks the current thread as running this exchange inside the client, until {@link #exit}. */
  void enter() {
    CURRENT.set(this);
  }

  void exit() {
    CURRENT.remove();
  }

  /**
   * Returns Feign's per-request options: connect and read timeouts no longer than the request's
   * time limit, redirects off. The client's abort ends the exchange; the read timeout stays because
   * a read already blocked inside HttpURLConnection on a body that stopped arriving ignores the
   * abort until it fires.
   *
   * @param connectTimeout the configured connect timeout
   */
  Request.Options options(Duration connectTimeout) {
    long limit;
    try {
      limit = request.timeout().toNanos();
    } catch (ArithmeticException e) {
      limit = Long.MAX_VALUE;
    }
    // A timeout of 0 means "wait forever" to HttpURLConnection: never round down to it.
    long readMillis = Math.min(Integer.MAX_VALUE, Math.max(1, ceilMillis(limit)));
    long connectMillis = Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
    synchronized (lock) {
      connectClipped = readMillis < connectMillis;
    }
    return new Request.Options(
        Math.min(connectMillis, readMillis),
        TimeUnit.MILLISECONDS,
        readMillis,
        TimeUnit.MILLISECONDS,
        false);
  }

  /**
   * Returns whether the connect timeout was cut short by the request's time limit, making a connect
   * timeout the attempt's TIMEOUT.
   */
  boolean connectClipped() {
    synchronized (lock) {
      return connectClipped;
    }
  }

  /**
   * Records the thread of an executor that runs this exchange, so an abort can interrupt it.
   *
   * @return false when the exchange was aborted before the thread got to it
   */
  boolean bindWorker(Thread thread) {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return false;
      }
      worker = thread;
      return true;
    }
  }

  /** Records the connection the default client opened; refuses it when already aborted. */
  void attachConnection(HttpURLConnection opened) throws IOException {
    synchronized (lock) {
      if (state == State.RUNNING) {
        connection = opened;
        return;
      }
    }
    throw abortedFailure();
  }

  /**
   * Disconnects the exchange's {@code HttpURLConnection}, if it has one, so that a response that
   * could not be trusted does not leave its connection in the JVM's keep-alive cache.
   */
  void discardConnection() {
    HttpURLConnection opened = connection();
    if (opened != null) {
      opened.disconnect();
    }
  }

  /** Returns the connection the default client opened, or null. */
  HttpURLConnection connection() {
    synchronized (lock) {
      return connection;
    }
  }

  /** Records the response body being read; closes it and throws when already aborted. */
  void attachBody(Closeable opened) throws IOException {
    synchronized (lock) {
      if (state == State.RUNNING) {
        body = opened;
        return;
      }
    }
    closeQuietly(opened);
    throw abortedFailure();
  }

  /** Records an async client's future, to cancel on abort; cancels it when already aborted. */
  void attachPending(Future<?> future) {
    synchronized (lock) {
      if (state == State.RUNNING) {
        pending = future;
        return;
      }
    }
    future.cancel(true);
  }

  /**
   * Checks between reads that the exchange may go on: a body trickling in keeps an aborted exchange
   * alive otherwise.
   *
   * @throws IOException when it was aborted
   */
  void checkpoint() throws IOException {
    synchronized (lock) {
      if (state == State.RUNNING) {
        return;
      }
    }
    throw abortedFailure();
  }

  /**
   * Aborts the exchange, unless it already ended or was aborted.
   *
   * @return whether this call aborted it
   */
  boolean abort() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return false;
      }
      state = State.CANCELLED;
      if (worker != null) {
        // Under the lock, so the interrupt cannot reach the thread after it has moved on.
        worker.interrupt();
        workerInterrupted = true;
      }
    }
    ABORTS.execute(this::closeUntilFinished);
    return true;
  }

  /**
   * Ends the exchange: stops the aborts, and clears an interrupt this exchange sent to the current
   * (executor) thread. Idempotent.
   *
   * @return the final state: DONE unless it was aborted first
   */
  State finish() {
    State outcome;
    synchronized (lock) {
      finished = true;
      if (state == State.RUNNING) {
        state = State.DONE;
      }
      outcome = state;
      if (worker == Thread.currentThread()) {
        worker = null;
        if (workerInterrupted) {
          // The pool thread goes back to its executor: leave it no interrupt of ours.
          Thread.interrupted();
        }
      }
    }
    return outcome;
  }

  private static IOException abortedFailure() {
    return new HttpTransportException(Kind.IO, "the exchange was aborted", null);
  }

  /**
   * Repeats the abort until the exchange has ended: a disconnect made while the socket was still
   * connecting has no effect, the same call once connected closes the socket. On a thread of its
   * own, since closing a body waits for the read in progress and the client's abort must not block.
   */
  private void closeUntilFinished() {
    long giveUp = System.nanoTime() + request.timeout().toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(5);
    while (true) {
      HttpURLConnection opened;
      Closeable reading;
      Future<?> inFlight;
      synchronized (lock) {
        if (finished) {
          return;
        }
        opened = connection;
        reading = body;
        inFlight = pending;
      }
      if (inFlight != null) {
        inFlight.cancel(true);
      }
      if (opened != null) {
        // Closes the socket at once while the response head is awaited; during the body it waits
        // for the read in progress, as does closing the body.
        opened.disconnect();
      }
      if (reading != null) {
        closeQuietly(reading);
      }
      if (System.nanoTime() - giveUp >= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      pause = Math.min(pause * 2, MAX_ABORT_PAUSE_NANOS);
    }
  }

  private static long ceilMillis(long nanos) {
    return (nanos + 999_999) / 1_000_000;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      // Aborting or cleaning up: the exchange already failed or succeeded without it.
    }
  }
}
