package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.UnknownException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The private key goes to the configured API host and nowhere else, and each attempt the engine
 * makes is one request on the wire, with the transport's own clients and with clients the
 * application built itself: redirects to another listener are never followed, a library never sends
 * a request again on 429, 503 or a reset, and plain http allowed for loopback is refused when a
 * proxy would carry it off the machine.
 */
public abstract class KeyConfinementConformanceTest {

  private static final String KEY = "private_key_confined";

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Whose clients a transport sends with. */
  public enum Clients {
    /** The clients the transport builds from {@link TransportOptions}. */
    SDK,
    /** Clients the application built with its library's defaults. */
    CALLER,
    /** The application's clients, set to follow redirects wherever the library lets a client be. */
    CALLER_FOLLOWING_REDIRECTS
  }

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /**
   * Returns a transport on clients the application built itself with the library's defaults. The
   * test closes what it registers with {@link #closeLater}; the transport leaves them open.
   */
  protected abstract HttpTransport callersTransport();

  /**
   * Returns a transport on the application's clients set to follow redirects, or throws the {@link
   * ConfigurationException} the transport refuses such clients with.
   */
  protected abstract HttpTransport callersTransportFollowingRedirects();

  /** Returns a transport on the application's clients, set to send through this HTTP proxy. */
  protected abstract HttpTransport callersTransportThrough(InetSocketAddress proxy);

  /**
   * Closes a resource after the test, last registered first.
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  protected final <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  static Stream<Arguments> redirects() {
    return Combinations.of(
        List.of(301, 302, 303, 307, 308),
        List.of(Clients.SDK, Clients.CALLER_FOLLOWING_REDIRECTS),
        List.of(false, true),
        List.of(false, true));
  }

  @ParameterizedTest(name = "{0} with {1} clients, purge={2}, async={3}")
  @MethodSource("redirects")
  void aRedirectToAnotherHostIsNeverFollowed(
      int status, Clients clients, boolean post, boolean async) {
    Queue<String> authorizationsElsewhere = new ConcurrentLinkedQueue<>();
    HostilePeer elsewhere =
        closeLater(
            HostilePeer.start(
                (connection, request) -> {
                  authorizationsElsewhere.add(String.valueOf(request.header("Authorization")));
                  HostileWire.answerOk("HTTP/1.1 200 OK", "").answer(connection, request);
                }));
    Queue<String> authorizationsAtTheApi = new ConcurrentLinkedQueue<>();
    HostilePeer api =
        closeLater(
            HostilePeer.start(
                (connection, request) -> {
                  authorizationsAtTheApi.add(String.valueOf(request.header("Authorization")));
                  HostileWire.answer(
                          "HTTP/1.1 " + status + " Moved",
                          "Location: " + elsewhere.uri() + request.target() + "\r\n",
                          "{\"message\":\"moved\"}")
                      .answer(connection, request);
                }));
    HttpTransport transport;
    try {
      transport = closeLater(transport(clients));
    } catch (ConfigurationException refused) {
      assertThat(refused)
          .as("a client that would follow the redirect is refused, naming the setting")
          .hasMessageContaining("redirect");
      return;
    }

    Throwable failure = EngineCalls.call(client(transport, api.uri(), 3), post, async);

    assertThat(failure)
        .as("a %d is an unknown status, with everything kept", status)
        .isInstanceOfSatisfying(
            UnknownException.class,
            unknown -> {
              assertThat(unknown.statusCode()).isEqualTo(status);
              assertThat(unknown.rawBody()).contains("moved");
            });
    assertThat(elsewhere.requests()).as("requests the other host got").isZero();
    assertThat(authorizationsElsewhere).isEmpty();
    assertThat(api.requests()).as("requests the API host got, one per attempt").isEqualTo(1);
    assertThat(authorizationsAtTheApi).singleElement().asString().startsWith("Basic ");
  }

  /** A response the libraries' retry strategies act on. */
  public enum Fault {
    /** 503 Service Unavailable. */
    UNAVAILABLE(
        HostileWire.answer(
            "HTTP/1.1 503 Service Unavailable", "Retry-After: 1\r\n", "{\"message\":\"busy\"}")),
    /** 429 Too Many Requests, asking for a second. */
    RATE_LIMITED(
        HostileWire.answer(
            "HTTP/1.1 429 Too Many Requests", "Retry-After: 1\r\n", "{\"message\":\"slow\"}")),
    /** The connection reset before any byte of the response. */
    RESET((connection, request) -> connection.reset());

    private final HostilePeer.Script script;

    Fault(HostilePeer.Script script) {
      this.script = script;
    }
  }

  static Stream<Arguments> faults() {
    return Combinations.of(
        List.of(Fault.values()),
        List.of(Clients.SDK, Clients.CALLER),
        List.of(1, 2),
        List.of(false, true),
        List.of(false, true));
  }

  @ParameterizedTest(name = "{0} with {1} clients, {2} attempts, purge={3}, async={4}")
  @MethodSource("faults")
  void eachAttemptIsOneRequestOnTheWire(
      Fault fault, Clients clients, int attempts, boolean post, boolean async) {
    HostilePeer api = closeLater(HostilePeer.start(fault.script));
    SendCounter transport = new SendCounter(closeLater(transport(clients)));

    Throwable failure = EngineCalls.call(client(transport, api.uri(), attempts), post, async);

    assertThat(failure).as("the call fails").isNotNull();
    assertThat(api.requests())
        .as("requests on the wire for %s", failure)
        .isEqualTo(transport.sends.get());
    if (post) {
      assertThat(transport.sends.get())
          .as("a purge is sent once per attempt, never more")
          .isEqualTo(transport.attempts.get());
    }
  }

  /**
   * Counts the engine's attempts and the requests they put on the wire: one each, or as many as the
   * transport reports its library sent ({@link HttpTransportException#requestsSent()}).
   */
  private static final class SendCounter implements HttpTransport {
    private final HttpTransport delegate;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger sends = new AtomicInteger();

    SendCounter(HttpTransport delegate) {
      this.delegate = delegate;
    }

    @Override
    public TransportResponse execute(TransportRequest request)
        throws IOException, InterruptedException {
      attempts.incrementAndGet();
      try {
        TransportResponse response = delegate.execute(request);
        sends.incrementAndGet();
        return response;
      } catch (IOException e) {
        sends.addAndGet(HttpTransportException.classify(e).requestsSent());
        throw e;
      }
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      attempts.incrementAndGet();
      return delegate
          .executeAsync(request)
          .whenComplete(
              (response, failure) -> {
                Throwable cause =
                    failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause()
                        : failure;
                sends.addAndGet(
                    cause instanceof IOException io
                        ? HttpTransportException.classify(io).requestsSent()
                        : 1);
              });
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public void close() {}
  }

  @ParameterizedTest
  @EnumSource(
      value = Clients.class,
      names = {"SDK", "CALLER"})
  void plainHttpToLoopbackThroughAProxyNeedsTheOptIn(Clients clients) {
    HostilePeer proxy = closeLater(HostilePeer.start(HostileWire.answerOk("HTTP/1.1 200 OK", "")));
    InetSocketAddress address = new InetSocketAddress(proxy.uri().getHost(), proxy.uri().getPort());
    HttpTransport transport =
        closeLater(
            clients == Clients.SDK
                ? provider().create(TransportOptions.builder().proxy(address).build())
                : callersTransportThrough(address));
    URI loopback = URI.create("http://localhost:9");

    assertThatThrownBy(
            () ->
                PurgeClient.builder()
                    .baseUri(loopback)
                    .privateKey(KEY)
                    .transport(transport)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("proxy")
        .hasMessageNotContaining(KEY);
    assertThat(proxy.requests()).isZero();

    PurgeClient optedIn =
        closeLater(
            PurgeClient.builder()
                .baseUri(loopback)
                .allowInsecureHttp(true)
                .privateKey(KEY)
                .transport(transport)
                .build());
    assertThat(EngineCalls.call(optedIn, false, false))
        .as("with the opt-in the call goes, through the proxy")
        .isNull();
    assertThat(proxy.requests()).as("requests the proxy got").isEqualTo(1);
  }

  private HttpTransport transport(Clients clients) {
    return switch (clients) {
      case SDK -> provider().create(TransportOptions.defaults());
      case CALLER -> callersTransport();
      case CALLER_FOLLOWING_REDIRECTS -> callersTransportFollowingRedirects();
    };
  }

  /**
   * A client of the peer. Plain http to it is allowed explicitly: whether a caller's client could
   * route it through a proxy is {@link #plainHttpToLoopbackThroughAProxyNeedsTheOptIn}'s test.
   */
  private PurgeClient client(HttpTransport transport, URI base, int attempts) {
    return closeLater(
        PurgeClient.builder()
            .baseUri(base)
            .allowInsecureHttp(true)
            .privateKey(KEY)
            .transport(transport)
            .attemptTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(20))
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(attempts)
                    .baseDelay(Duration.ofMillis(5))
                    .maxDelay(Duration.ofMillis(20))
                    .build())
            .build());
  }
}
