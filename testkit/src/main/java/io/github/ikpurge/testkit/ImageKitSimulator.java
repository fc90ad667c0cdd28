package io.github.ikpurge.testkit;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.spi.TransportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server that speaks ImageKit's purge API, for tests, examples and offline work.
 *
 * <ul>
 *   <li>Authentication: no or malformed {@code Authorization} gives 401, a key it does not know
 *       403, both with ImageKit's error body.
 *   <li>{@code POST /v1/files/purge} with {@code {"url": ...}} gives 201 and a fresh {@code
 *       requestId}; a missing or invalid URL gives 400.
 *   <li>{@code GET /v1/files/purge/{id}} answers {@code Pending} until the purge is old enough or
 *       has been polled enough, then {@code Completed}; an unknown id gives 400 {@code No request
 *       found for this requestId.} (the status is a setting).
 *   <li>Optionally, an account-wide rate limit (429) and a monthly purge quota (403).
 *   <li>Every response carries a fresh {@code x-ik-requestId}; every request is kept in a journal,
 *       and the accepted purges are counted per URL.
 *   <li>Scripted responses (status, headers, body, delay) replace the normal answer, once each.
 * </ul>
 *
 * <p>It listens on an ephemeral loopback port unless told otherwise. Thread-safe.
 *
 * <pre>{@code
 * try (ImageKitSimulator simulator = ImageKitSimulator.start();
 *     PurgeClient client = simulator.clientBuilder().build()) {
 *   String id = client.purge("https://ik.imagekit.io/demo/a.jpg").requestId().value();
 *   client.status(id); // Pending, then Completed on the third poll
 * }
 * }</pre>
 */
public final class ImageKitSimulator implements AutoCloseable {

  /** The private key the simulator accepts unless told otherwise. */
  public static final String DEFAULT_PRIVATE_KEY = "private_simulator_key";

  /**
   * The poll schedule of {@link #testClientBuilder()}: 10 ms, ×1.5 each time up to 100 ms, no
   * jitter, and a default wait of 30 s. A purge that the simulator completes on its third poll is
   * then awaited in about 25 ms instead of the production schedule's 2.5 s.
   */
  public static final PollPolicy TEST_POLL_POLICY =
      PollPolicy.builder()
          .initialDelay(Duration.ofMillis(10))
          .multiplier(1.5)
          .maxDelay(Duration.ofMillis(100))
          .jitter(0)
          .maxWait(Duration.ofSeconds(30))
          .build();

  private static final AtomicInteger THREADS = new AtomicInteger();

  static {
    // The JDK server writes headers and body apart; with Nagle's algorithm a kept-alive connection
    // then stalls on the client's delayed ACK (about 40 ms a response). Read once per JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulatorState state;
  private final URI baseUri;
  private final String privateKey;
  private final boolean testCertificate;

  private ImageKitSimulator(Builder builder) throws IOException {
    this.state = new SimulatorState(builder);
    this.testCertificate = builder.testCertificate;
    this.privateKey = builder.privateKeys.iterator().next();
    InetSocketAddress address = new InetSocketAddress(builder.host, builder.port);
    if (builder.tls != null) {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(builder.tls));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 128);
    }
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "ikpurge-simulator-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new SimulatorHandler(state));
    server.start();
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = '[' + host + ']';
    }
    this.baseUri =
        URI.create((builder.tls != null ? "https://" : "http://") + host + ':' + bound.getPort());
  }

  /**
   * Starts a simulator with every default on an ephemeral loopback port.
   *
   * @return the running simulator
   * @throws UncheckedIOException if the server cannot start
   */
  public static ImageKitSimulator start() {
    return builder().start();
  }

  /** {@return a builder of simulators} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the address to give a client, such as {@code http://127.0.0.1:41234}} */
  public URI baseUri() {
    return baseUri;
  }

  /** {@return the port the simulator listens on} */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@return the first private key the simulator accepts} */
  public String privateKey() {
    return privateKey;
  }

  /**
   * {@return a client builder aimed at this simulator with its key; add a transport module to the
   * class path, or set one on the builder}
   */
  public PurgeClient.Builder clientBuilder() {
    return PurgeClient.builder().baseUri(baseUri).privateKey(privateKey);
  }

  /**
   * {@return a client builder for tests: {@link #clientBuilder()} with the fast {@link
   * #TEST_POLL_POLICY}, and, when the simulator serves HTTPS with the test certificate of {@link
   * Builder#https()}, transport options that trust it}
   */
  public PurgeClient.Builder testClientBuilder() {
    PurgeClient.Builder builder = clientBuilder().pollPolicy(TEST_POLL_POLICY);
    if (testCertificate) {
      builder.transportOptions(
          TransportOptions.builder().sslContext(SimulatorTls.clientContext()).build());
    }
    return builder;
  }

  /**
   * Serves a scripted response to the next request of any kind, after those already queued.
   *
   * @param response the response
   * @return this simulator
   */
  public ImageKitSimulator enqueue(ScriptedResponse response) {
    state.enqueue(null, Objects.requireNonNull(response, "response"));
    return this;
  }

  /**
   * Serves a scripted response to the next request to an endpoint, after those already queued for
   * it.
   *
   * @param endpoint the endpoint whose next request gets the response
   * @param response the response
   * @return this simulator
   */
  public ImageKitSimulator enqueue(Endpoint endpoint, ScriptedResponse response) {
    state.enqueue(
        Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(response, "response"));
    return this;
  }

  /**
   * Plays a fault on the next request to an endpoint, after the scripts already queued for it. The
   * fault's delays and sizes come from the builder's {@link FaultMix}, or its defaults.
   *
   * @param endpoint the endpoint whose next request meets the fault
   * @param fault the fault
   * @return this simulator
   */
  public ImageKitSimulator enqueueFault(Endpoint endpoint, Fault fault) {
    state.enqueue(
        Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** {@return the number of scripted responses not yet served} */
  public int pendingScripts() {
    return state.pendingScripts();
  }

  /**
   * Records a purge as if it had been submitted, and returns its id.
   *
   * @param url the purged URL
   * @return the new request id
   */
  public String registerPurge(String url) {
    return state.registerPurge(Objects.requireNonNull(url, "url"));
  }

  /**
   * Returns the status a request id would be answered with now, without counting a poll.
   *
   * @param requestId a request id
   * @return the status, or null when the id is unknown
   */
  public PurgeCacheStatus peekStatus(String requestId) {
    return state.peekStatus(requestId);
  }

  /**
   * Waits until the simulator has received this many requests, since it started or was last
   * {@linkplain #reset() reset}, counting those past the journal's capacity too: for a test that
   * must act while a request is in flight (a delayed answer, say) without guessing how long it
   * takes to arrive.
   *
   * @param count how many
   * @param timeout the longest wait
   * @return whether they arrived in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    return state.awaitReceived(count, timeout.toNanos());
  }

  /**
   * {@return how many requests the simulator has received since it started or was last {@linkplain
   * #reset() reset}, of every kind and however answered, counting those past the journal's capacity
   * too}
   */
  public long receivedRequests() {
    return state.received();
  }

  /** {@return every request received so far, oldest first} */
  public List<RecordedRequest> journal() {
    return state.journal();
  }

  /**
   * Returns the requests received so far for one endpoint, oldest first.
   *
   * @param endpoint the endpoint
   * @return the requests
   */
  public List<RecordedRequest> journal(Endpoint endpoint) {
    return state.journal().stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  /**
   * Returns how many purges of exactly this URL the simulator accepted over HTTP: those it answered
   * with a {@code requestId}. Refused purges (400, 401, 403, 429, scripted answers and faults that
   * replace the answer) are not counted, nor are {@link #registerPurge(String)} calls.
   *
   * @param url the purged URL, as sent
   * @return the count, 0 for a URL never accepted
   */
  public int purgeCount(String url) {
    return state.purgeCount(Objects.requireNonNull(url, "url"));
  }

  /**
   * {@return every URL whose purge the simulator accepted over HTTP, with how many times, in the
   * order each was first accepted; a snapshot that later purges do not change}
   */
  public Map<String, Integer> purgedUrls() {
    return state.purgedUrls();
  }

  /**
   * {@return how many purges the simulator accepted over HTTP, all URLs together: what counts
   * against the {@linkplain Builder#purgeQuota(int) monthly quota}}
   */
  public int acceptedPurges() {
    return state.acceptedPurges();
  }

  /**
   * {@return how many 429 responses the simulator sent: from its rate limit, a {@link
   * Fault#RATE_LIMITED} fault or a scripted 429; counted even when the journal keeps nothing}
   */
  public int rateLimitedResponses() {
    return state.rateLimitedResponses();
  }

  /**
   * Forgets the journal, the scripted responses, every purge and the counts: the rate-limit window,
   * the purges per URL, the 429s sent and the quota used, as at the start of a month.
   */
  public void reset() {
    state.reset();
  }

  /** Stops the server at once; requests in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "ImageKitSimulator{" + baseUri + '}';
  }

  /** Builds an {@link ImageKitSimulator}. Not thread-safe. */
  public static final class Builder {

    final Set<String> privateKeys = new LinkedHashSet<>();
    InetAddress host = InetAddress.getLoopbackAddress();
    int port;
    int completeAfterPolls = 2;
    Duration completeAfter;
    int unknownRequestIdStatus = 400;
    int purgeStatus = 201;
    int journalCapacity = SimulatorState.MAX_JOURNAL;
    SSLContext tls;
    boolean testCertificate;
    FaultMix faultMix;
    int rateLimitRequests;
    Duration rateLimitInterval;
    int purgeQuota = -1;

    private Builder() {}

    /**
     * Accepts at most this many purges, across all keys and URLs, as ImageKit's monthly purge
     * quota; once they are used up, a purge gets 403 with ImageKit's error body, while status polls
     * are answered as before. Refused purges (400, 401, 403, 429) do not count, and {@link
     * ImageKitSimulator#reset()} starts the count afresh. No quota by default.
     *
     * @param purges zero or more
     * @return this builder
     */
    public Builder purgeQuota(int purges) {
      if (purges < 0) {
        throw new IllegalArgumentException("purges must not be negative, was " + purges);
      }
      this.purgeQuota = purges;
      return this;
    }

    /**
     * Plays a seeded random mix of faults on the requests it answers itself; the mix's delays and
     * sizes also serve {@link ImageKitSimulator#enqueueFault(Endpoint, Fault)}.
     *
     * @param mix the faults, their probability and settings
     * @return this builder
     */
    public Builder faults(FaultMix mix) {
      this.faultMix = Objects.requireNonNull(mix, "mix");
      return this;
    }

    /**
     * Allows this many API requests per interval, across all keys, as ImageKit limits an account:
     * purges and status polls count alike, in fixed windows that start with the first request after
     * the last one ended. Requests beyond it get 429 with {@code X-RateLimit-Limit} (the requests
     * allowed), {@code X-RateLimit-Reset} (ms until the window ends) and {@code
     * X-RateLimit-Interval} (the window length in ms); the refused ones do not count against the
     * window.
     *
     * @param requests at least 1
     * @param interval the window length
     * @return this builder
     */
    public Builder rateLimit(int requests, Duration interval) {
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be at least 1, was " + requests);
      }
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, was " + interval);
      }
      this.rateLimitRequests = requests;
      this.rateLimitInterval = interval;
      return this;
    }

    /**
     * Serves HTTPS with the test certificate of {@link SimulatorTls}; trust it in the client with
     * {@link SimulatorTls#clientContext()}.
     *
     * @return this builder
     */
    public Builder https() {
      https(SimulatorTls.serverContext());
      testCertificate = true;
      return this;
    }

    /**
     * Serves HTTPS with a server TLS context of your own.
     *
     * @param context a context with the server's key and certificate
     * @return this builder
     */
    public Builder https(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      this.testCertificate = false;
      return this;
    }

    /**
     * Sets the private key the simulator accepts, replacing the default.
     *
     * @param privateKey a key
     * @return this builder
     */
    public Builder privateKey(String privateKey) {
      privateKeys.clear();
      return addPrivateKey(privateKey);
    }

    /**
     * Adds a private key the simulator accepts.
     *
     * @param privateKey a key
     * @return this builder
     */
    public Builder addPrivateKey(String privateKey) {
      Objects.requireNonNull(privateKey, "privateKey");
      if (privateKey.isBlank()) {
        throw new IllegalArgumentException("privateKey must not be blank");
      }
      privateKeys.add(privateKey);
      return this;
    }

    /**
     * Sets the address to listen on; loopback by default. Use {@code 0.0.0.0} only inside a
     * container.
     *
     * @param host the address
     * @return this builder
     */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port; 0, the default, picks a free one.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Answers {@code Pending} to the first {@code polls} status queries of each purge, then {@code
     * Completed}. The default is 2. Replaces {@link #completeAfter(Duration)}.
     *
     * @param polls zero or more
     * @return this builder
     */
    public Builder completeAfterPolls(int polls) {
      if (polls < 0) {
        throw new IllegalArgumentException("polls must not be negative, was " + polls);
      }
      this.completeAfterPolls = polls;
      this.completeAfter = null;
      return this;
    }

    /**
     * Answers {@code Pending} until this long after each purge, then {@code Completed}. Replaces
     * {@link #completeAfterPolls(int)}.
     *
     * @param delay zero or more
     * @return this builder
     */
    public Builder completeAfter(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, was " + delay);
      }
      this.completeAfter = delay;
      this.completeAfterPolls = -1;
      return this;
    }

    /**
     * Sets the status for an unknown request id: 400 by default, as in ImageKit's older SDK
     * fixtures; 404 is the other plausible answer.
     *
     * @param status an HTTP status code, 400 to 499
     * @return this builder
     */
    public Builder unknownRequestIdStatus(int status) {
      if (status < 400 || status > 499) {
        throw new IllegalArgumentException("status must be 400 to 499, was " + status);
      }
      this.unknownRequestIdStatus = status;
      return this;
    }

    /**
     * Sets how many requests the journal keeps, the oldest dropped first: 100 000 by default, 0 to
     * keep none (for load runs, where the journal would only fill the heap).
     *
     * @param capacity 0 or more
     * @return this builder
     */
    public Builder journalCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
      }
      this.journalCapacity = capacity;
      return this;
    }

    /**
     * Sets the status of a successful purge: 201 by default, as the current docs say; 200 as older
     * docs say.
     *
     * @param status 200 or 201
     * @return this builder
     */
    public Builder purgeStatus(int status) {
      if (status != 200 && status != 201) {
        throw new IllegalArgumentException("status must be 200 or 201, was " + status);
      }
      this.purgeStatus = status;
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     * @throws UncheckedIOException if the server cannot start
     */
    public ImageKitSimulator start() {
      if (privateKeys.isEmpty()) {
        privateKeys.add(DEFAULT_PRIVATE_KEY);
      }
      try {
        return new ImageKitSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("the simulator could not start on port " + port, e);
      }
    }
  }
}
