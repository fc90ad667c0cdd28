package io.github.ikpurge.spi;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The outbound port: moves one HTTP exchange and nothing else. A transport knows no endpoint, no
 * JSON, no authentication and no retries; the client does all of that once, for every transport.
 *
 * <p>Implementations are thread-safe and are reused for the life of the client that owns them.
 * Transports keep no time: the client arms the deadline of every attempt and, when it passes,
 * aborts the exchange ({@link Exchange#abort()}) or cancels the future of {@link #executeAsync}. A
 * transport only moves bytes and ends promptly when aborted; it may also hand {@link
 * TransportRequest#timeout()} to its library (as a socket timeout, say), but the client does not
 * rely on it. They must honour {@link TransportRequest#maxResponseBytes()}, must not follow
 * redirects, and must report failures as {@link HttpTransportException} with the {@link
 * HttpTransportException.Kind} that fits, so the client can tell a request that surely was not sent
 * from one that may have been. They check each response head with {@link
 * TransportRequest#checkResponseHead} before reading its body, and close the connection of a
 * response they refuse. A library must not send a request again by itself; where one cannot be
 * stopped from doing so, the failure says how often the request went out ({@link
 * HttpTransportException#requestsSent()}), so that every send counts as one of the client's
 * attempts.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends a request and waits for the whole response. A transport that {@link #prepare overrides
   * prepare} implements it as {@code prepare(request).call()}.
   *
   * @param request the request
   * @return the response, whatever its status
   * @throws HttpTransportException if the exchange failed
   * @throws IOException for any other I/O failure
   * @throws InterruptedException if the calling thread was interrupted while waiting
   */
  TransportResponse execute(TransportRequest request) throws IOException, InterruptedException;

  /**
   * Prepares a blocking exchange that the client can abort from another thread; nothing is sent
   * until {@link Exchange#call()}. The client calls this, not {@link #execute}, for every blocking
   * attempt.
   *
   * <p>The default runs {@link #execute} and aborts it by interrupting the thread in {@link
   * Exchange#call()}, which ends a library that waits interruptibly (such as the JDK's {@code
   * HttpClient.send}) but not one blocked in a socket read. A transport whose library has a native
   * abort (closing the connection, cancelling the request) overrides this.
   *
   * @param request the request
   * @return the exchange, not started
   */
  default Exchange prepare(TransportRequest request) {
    return new InterruptingExchange(this, request);
  }

  /**
   * One blocking exchange, which the client's timer or the caller's interrupt may abort from
   * another thread.
   *
   * <h2>Interrupts</h2>
   *
   * An {@link #abort()} may interrupt the thread in {@link #call()} when the library offers no
   * other way out, and only while that thread is in {@code call()}. The client clears such an
   * interrupt once {@code call()} has ended and {@code abort()} has returned, unless the thread was
   * already interrupted when the abort began: a transport never clears an interrupt itself.
   */
  interface Exchange {

    /**
     * Sends the request and waits for the whole response; called at most once.
     *
     * @return the response, whatever its status
     * @throws HttpTransportException if the exchange failed
     * @throws IOException for any other I/O failure, of any kind once {@link #abort()} was called
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    TransportResponse call() throws IOException, InterruptedException;

    /**
     * Abandons the exchange: {@link #call()}, if running, ends promptly with any {@link
     * IOException} (or {@link InterruptedException}), and one not yet started ends at once. Safe to
     * call from any thread, at any time and more than once; after {@code call()} has ended it does
     * nothing. It must not block for long: the client's timer runs it. Where the library cannot cut
     * short a read already blocked in a body (HttpURLConnection), the socket timeout it was given
     * from {@link TransportRequest#timeout()} ends the exchange instead.
     */
    void abort();
  }

  /**
   * Sends a request without blocking the caller and without parking a thread while the exchange is
   * in flight. The future fails with {@link HttpTransportException} (or another {@link
   * IOException}) where {@link #execute} would throw one. The client aborts the exchange by
   * cancelling the future ({@code cancel(true)}), which the transport maps to its library's own
   * cancel.
   *
   * @param request the request
   * @return the response, whatever its status
   */
  CompletableFuture<TransportResponse> executeAsync(TransportRequest request);

  /**
   * {@return the name of the provider that made this transport, such as {@code jdk}; shown in logs
   * and errors}
   */
  String name();

  /**
   * Returns whether a request to this address surely goes straight to its host, through no proxy.
   * The client lets plain {@code http} to a loopback host go without {@code allowInsecureHttp} only
   * when it does: through a proxy the request, and the private key in it, would leave the machine
   * in clear text. A transport that cannot tell, such as one on a client whose routing it cannot
   * see, answers false, which is the default.
   *
   * @param target the address of a request
   * @return true only when no proxy can carry the request
   */
  default boolean connectsDirectly(URI target) {
    return false;
  }

  /**
   * Releases what this transport created (connection pools, threads). Resources the user handed in
   * are left open. Calling it again has no effect.
   */
  @Override
  void close();
}
