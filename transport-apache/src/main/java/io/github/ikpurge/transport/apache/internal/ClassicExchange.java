package io.github.ikpurge.transport.apache.internal;

import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.Deadlines;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blocking exchange on the classic client, run on the caller's thread. The SDK's shared {@link
 * Deadlines} timer notices when its time limit runs out or the caller is interrupted, and then
 * cancels the request: cancelling closes the socket and discards the connection, so the blocked
 * read ends at once.
 */
public final class ClassicExchange {

  private static final Logger LOG = LoggerFactory.getLogger("io.github.ikpurge.transport.apache");

  /** Cancelling closes a socket and updates the pool; it never blocks on the network. */
  private static final long ABORT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int TIMED_OUT = 2;
  private static final int INTERRUPTED = 3;

  private final TransportRequest request;
  private final HttpUriRequestBase http;
  private final Thread caller = Thread.currentThread();
  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private final CountDownLatch aborted = new CountDownLatch(1);

  private ClassicExchange(TransportRequest request, boolean sendOnce) {
    this.request = request;
    this.http = Messages.classicRequest(request, sendOnce);
  }

  /**
   * Sends a request and reads the whole response on the calling thread.
   *
   * @param client the classic client
   * @param request the request
   * @param sendOnce whether the client may retry by itself, so that the request must be one it
   *     cannot send twice
   * @return the response
   * @throws HttpTransportException with the kind that fits
   * @throws InterruptedException if the caller was interrupted; the exchange is aborted first
   */
  public static TransportResponse execute(
      CloseableHttpClient client, TransportRequest request, boolean sendOnce)
      throws HttpTransportException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before " + request.method() + " was sent");
    }
    return new ClassicExchange(request, sendOnce).run(client);
  }

  private TransportResponse run(CloseableHttpClient client)
      throws HttpTransportException, InterruptedException {
    // Setting and cancelling a watch wakes no thread; a scheduler would, on every call.
    Deadlines.Deadline watch =
        Deadlines.watch(
            caller,
            Deadlines.nanoTimeAfter(request.timeout()),
            () -> abort(TIMED_OUT),
            () -> abort(INTERRUPTED));
    try {
      ClassicHttpResponse response = client.executeOpen(null, http, HttpClientContext.create());
      try {
        return read(response);
      } catch (IOException | RuntimeException e) {
        // Before closing the response, which would drain a refused body into a pooled connection.
        http.cancel();
        throw e;
      } finally {
        closeQuietly(response);
      }
    } catch (IOException | RuntimeException e) {
      // Whatever broke, the connection must not go back to the pool with unread bytes.
      http.cancel();
      throw failure(e);
    } finally {
      if (!state.compareAndSet(RUNNING, DONE) && state.get() != DONE) {
        awaitAbort();
      }
      watch.cancel();
    }
  }

  private TransportResponse read(ClassicHttpResponse response) throws IOException {
    Headers headers = Messages.headersOf(response.getHeaders());
    request.checkResponseHead(headers);
    int maxBytes = request.maxResponseBytes();
    HttpEntity entity = response.getEntity();
    byte[] body = null;
    if (entity != null) {
      long declared = entity.getContentLength();
      if (declared > maxBytes) {
        throw tooLarge(maxBytes);
      }
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(declared >= 0 ? (int) declared : Math.min(maxBytes, 8192));
      byte[] chunk = new byte[8192];
      try (InputStream in = entity.getContent()) {
        int read;
        while ((read = in.read(chunk)) != -1) {
          if (out.size() + read > maxBytes) {
            throw tooLarge(maxBytes);
          }
          out.write(chunk, 0, read);
        }
      }
      body = out.toByteArray();
    }
    return TransportResponse.of(response.getCode(), headers, body);
  }

  private HttpTransportException tooLarge(int maxBytes) {
    // Cancelling discards the connection before closing the stream, which would drain the rest.
    http.cancel();
    return Failures.tooLarge(maxBytes);
  }

  private void abort(int reason) {
    if (state.compareAndSet(RUNNING, reason)) {
      try {
        http.cancel();
      } finally {
        aborted.countDown();
      }
    }
  }

  /**
   * Waits for the aborting thread to finish cancelling: the caller's read can fail as soon as the
   * socket is closed, before the connection has been handed back to the pool.
   */
  private void awaitAbort() {
    boolean interrupted = false;
    long deadline = System.nanoTime() + ABORT_WAIT_NANOS;
    while (aborted.getCount() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        LOG.debug("Cancelling the exchange took longer than expected");
        break;
      }
      try {
        aborted.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpTransportException failure(Exception e) throws InterruptedException {
    if (!state.compareAndSet(RUNNING, DONE)) {
      if (state.get() == TIMED_OUT) {
        return Failures.timeout(request.timeout(), e);
      }
      if (state.get() == INTERRUPTED) {
        Thread.interrupted();
        InterruptedException interrupted =
            new InterruptedException("interrupted; the exchange was aborted");
        interrupted.initCause(e);
        throw interrupted;
      }
    }
    if (Thread.interrupted()) {
      // HttpClient ends a pool wait on interrupt with its own exception and sets the flag again.
      InterruptedException interrupted =
          new InterruptedException("interrupted; the exchange was aborted");
      interrupted.initCause(e);
      throw interrupted;
    }
    return Failures.map(e);
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a response failed: {}", e.toString());
    }
  }
}
