package io.github.ikpurge.spi;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The outbound port: moves one HTTP exchange and nothing else. A transport knows no endpoint, no
 * JSON, no authentication and no retries; the client does all of that once, for every transport.
 *
 * <p>Implementations are thread-safe and are reused for the life of the client that owns them. They
 * must honour {@link TransportRequest#timeout()} and {@link TransportRequest#maxResponseBytes()},
 * must not follow redirects, and must report failures as {@link HttpTransportException} with the
 * {@link HttpTransportException.Kind} that fits, so the client can tell a request that surely was
 * not sent from one that may have been. They check each response head with {@link
 * TransportRequest#checkResponseHead} before reading its body, and close the connection of a
 * response they refuse. A library must not send a request again by itself; where one cannot be
 * stopped from doing so, the failure says how often the request went out ({@link
 * HttpTransportException#requestsSent()}), so that every send counts as one of the client's
 * attempts.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends a request and waits for the whole response.
   *
   * @param request the request
   * @return the response, whatever its status
   * @throws HttpTransportException if no complete response arrived in time
   * @throws IOException for any other I/O failure
   * @throws InterruptedException if the calling thread was interrupted while waiting
   */
  TransportResponse execute(TransportRequest request) throws IOException, InterruptedException;

  /**
   * Sends a request without blocking the caller and without parking a thread while the exchange is
   * in flight. The future fails with {@link HttpTransportException} (or another {@link
   * IOException}) where {@link #execute} would throw one. Cancelling the future abandons the
   * exchange where the underlying library allows.
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
