package io.github.ikpurge.internal;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PollListener;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.TransportProvider;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The engine behind {@link PurgeClient}: builds the calls and hands them to the executor. */
final class DefaultPurgeClient implements PurgeClient {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge");
  private static final String PURGE_PATH = "/v1/files/purge";

  private final HttpTransport transport;
  private final JsonCodec codec;
  private final ResponseMapper mapper;
  private final CallExecutor executor;
  private final CompletionWaiter waiter;
  private final Lifecycle lifecycle;
  private final URI purgeUri;
  private final String statusPrefix;
  private final Headers getHeaders;
  private final Headers postHeaders;
  private final AsyncPurgeClient async = new AsyncView();

  private DefaultPurgeClient(ClientSettings settings, HttpTransport transport, boolean owned) {
    this.transport = transport;
    this.codec =
        settings.jsonCodec() != null
            ? settings.jsonCodec()
            : Discovery.standard().selectJsonCodec();
    this.mapper = new ResponseMapper(codec);
    this.executor = new CallExecutor(transport, mapper, settings);
    this.waiter = new CompletionWaiter(executor, this::statusCall, settings.pollPolicy());
    this.lifecycle = new Lifecycle(owned ? transport::close : () -> {});
    this.purgeUri = URI.create(settings.baseUri() + PURGE_PATH);
    this.statusPrefix = settings.baseUri() + PURGE_PATH + '/';
    this.getHeaders =
        Headers.builder()
            .add("Authorization", settings.authorization())
            .add("Accept", "application/json")
            // The body is read as it is: a server must not compress it (RFC 9110, section 12.5.3).
            .add("Accept-Encoding", "identity")
            .add("User-Agent", settings.transportOptions().userAgent().orElseThrow())
            .build();
    this.postHeaders =
        getHeaders.toBuilder().add("Content-Type", "application/json; charset=utf-8").build();
  }

  /**
   * Creates the client for validated settings, finding a transport unless one was given.
   *
   * @param settings the settings
   * @return the client
   */
  static PurgeClient create(ClientSettings settings) {
    if (settings.transport() != null) {
      checkRoute(settings, settings.transport());
      return new DefaultPurgeClient(settings, settings.transport(), false);
    }
    return create(settings, Discovery.standard().selectTransport(settings.transportName()));
  }

  /**
   * Creates the client with a transport of its own from a provider; closing the client closes it.
   *
   * @param settings the settings, with no transport of the caller's
   * @param provider the provider of the transport
   * @return the client
   */
  static PurgeClient create(ClientSettings settings, TransportProvider provider) {
    HttpTransport transport;
    try {
      transport = provider.create(settings.transportOptions());
    } catch (RuntimeException | LinkageError e) {
      throw new ConfigurationException(
          "Transport "
              + provider.name()
              + " ("
              + provider.artifact()
              + ") could not be created: "
              + e,
          e);
    }
    try {
      checkRoute(settings, transport);
    } catch (ConfigurationException e) {
      transport.close();
      throw e;
    }
    DefaultPurgeClient client = new DefaultPurgeClient(settings, transport, true);
    LOG.log(
        Level.DEBUG,
        () ->
            "Created PurgeClient for "
                + settings.baseUri()
                + " with transport "
                + provider.name()
                + " and JSON codec "
                + client.codec.name());
    return client;
  }

  /**
   * Refuses plain http allowed for loopback when the transport may send it elsewhere: a proxy would
   * carry the key off the machine in clear text.
   */
  private static void checkRoute(ClientSettings settings, HttpTransport transport) {
    if (settings.clearTextToLoopback() && !transport.connectsDirectly(settings.baseUri())) {
      throw new ConfigurationException(
          "baseUri "
              + settings.baseUri()
              + " uses plain http, allowed without allowInsecureHttp(true) only for requests that"
              + " stay on this machine, but transport "
              + transport.name()
              + " may send them through a proxy (a proxy is configured, or its client's routing"
              + " cannot be seen), with the private key in clear text; use https, no proxy, or"
              + " allowInsecureHttp(true) if you must");
    }
  }

  @Override
  public PurgeResult purge(String url) {
    return run(purgeCall(url));
  }

  @Override
  public PurgeStatusResult status(String requestId) {
    return run(statusCall(requestId));
  }

  @Override
  public PurgeStatusResult awaitCompletion(String requestId) {
    return awaitCompletion(requestId, waiter.defaultMaxWait(), event -> {});
  }

  @Override
  public PurgeStatusResult awaitCompletion(
      String requestId, Duration maxWait, PollListener listener) {
    PurgeRequestId id = PurgeRequestId.of(requestId);
    checkWait(maxWait, listener);
    lifecycle.enter();
    try {
      return waiter.await(id, maxWait, listener, true);
    } finally {
      lifecycle.exit();
    }
  }

  @Override
  public PurgeStatusResult purgeAndAwait(String url) {
    return purgeAndAwait(url, waiter.defaultMaxWait(), event -> {});
  }

  @Override
  public PurgeStatusResult purgeAndAwait(String url, Duration maxWait, PollListener listener) {
    Call<PurgeResult> purge = purgeCall(url);
    checkWait(maxWait, listener);
    lifecycle.enter();
    try {
      long deadline = System.nanoTime() + Nanos.of(maxWait);
      PurgeResult submitted = executor.execute(purge, executor.deadlineFromNow(deadline));
      return waiter.await(submitted.requestId(), remaining(submitted, deadline), listener, false);
    } finally {
      lifecycle.exit();
    }
  }

  /** Returns what is left of a purge-and-wait, or throws when nothing is. */
  private static Duration remaining(PurgeResult submitted, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new CompletionTimeoutException(
          submitted.requestId().value(), null, Duration.ZERO, 0, null);
    }
    return Duration.ofNanos(left);
  }

  private static void checkWait(Duration maxWait, PollListener listener) {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(listener, "listener");
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
    }
    if (maxWait.compareTo(Nanos.LONGEST) > 0) {
      throw new IllegalArgumentException(
          "maxWait must be at most "
              + Nanos.LONGEST
              + " (what a clock of nanoseconds counts), was "
              + maxWait);
    }
  }

  @Override
  public AsyncPurgeClient async() {
    return async;
  }

  @Override
  public String transportName() {
    return transport.name();
  }

  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "PurgeClient{"
        + purgeUri
        + ", transport="
        + transport.name()
        + ", codec="
        + codec.name()
        + '}';
  }

  private Call<PurgeResult> purgeCall(String url) {
    byte[] body = codec.writeObject(Map.of("url", PurgeUrls.check(url)));
    return new Call<>(
        CallListener.Operation.PURGE,
        "POST",
        purgeUri,
        postHeaders,
        body,
        false,
        (metadata, bytes) -> new PurgeResult(mapper.purgeRequestId(metadata, bytes), metadata));
  }

  private Call<PurgeStatusResult> statusCall(String requestId) {
    return statusCall(PurgeRequestId.of(requestId));
  }

  private Call<PurgeStatusResult> statusCall(PurgeRequestId id) {
    return new Call<>(
        CallListener.Operation.STATUS,
        "GET",
        URI.create(statusPrefix + id.value()),
        getHeaders,
        null,
        true,
        (metadata, bytes) ->
            new PurgeStatusResult(id, mapper.purgeStatus(metadata, bytes), metadata));
  }

  private <T> T run(Call<T> call) {
    lifecycle.enter();
    try {
      return executor.execute(call);
    } finally {
      lifecycle.exit();
    }
  }

  private <T> CompletableFuture<T> runAsync(Call<T> call) {
    lifecycle.enter();
    CompletableFuture<T> result;
    try {
      result = executor.executeAsync(call);
    } catch (RuntimeException | Error e) {
      lifecycle.exit();
      throw e;
    }
    result.whenComplete((value, error) -> lifecycle.exit());
    return result;
  }

  /** The asynchronous view; shares everything with the enclosing client. */
  private final class AsyncView implements AsyncPurgeClient {

    @Override
    public CompletableFuture<PurgeResult> purge(String url) {
      return runAsync(purgeCall(url));
    }

    @Override
    public CompletableFuture<PurgeStatusResult> status(String requestId) {
      return runAsync(statusCall(requestId));
    }

    @Override
    public CompletableFuture<PurgeStatusResult> awaitCompletion(String requestId) {
      return awaitCompletion(requestId, waiter.defaultMaxWait(), event -> {});
    }

    @Override
    public CompletableFuture<PurgeStatusResult> awaitCompletion(
        String requestId, Duration maxWait, PollListener listener) {
      PurgeRequestId id = PurgeRequestId.of(requestId);
      checkWait(maxWait, listener);
      lifecycle.enter();
      CompletableFuture<PurgeStatusResult> result;
      try {
        result = waiter.awaitAsync(id, maxWait, listener, true);
      } catch (RuntimeException | Error e) {
        lifecycle.exit();
        throw e;
      }
      result.whenComplete((value, error) -> lifecycle.exit());
      return result;
    }

    @Override
    public CompletableFuture<PurgeStatusResult> purgeAndAwait(String url) {
      return purgeAndAwait(url, waiter.defaultMaxWait(), event -> {});
    }

    @Override
    public CompletableFuture<PurgeStatusResult> purgeAndAwait(
        String url, Duration maxWait, PollListener listener) {
      Call<PurgeResult> purge = purgeCall(url);
      checkWait(maxWait, listener);
      lifecycle.enter();
      long deadline = System.nanoTime() + Nanos.of(maxWait);
      CompletableFuture<PurgeStatusResult> result = new CompletableFuture<>();
      // The purge, then the wait: each is under way only once the one before it has ended.
      InFlight stage = new InFlight(result);
      result.whenComplete((value, error) -> lifecycle.exit());
      CompletableFuture<PurgeResult> submit;
      try {
        submit = executor.executeAsync(purge, executor.deadlineFromNow(deadline));
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
        return result;
      }
      stage.exchange(submit);
      submit.whenComplete(
          (submitted, failure) -> {
            if (failure != null) {
              result.completeExceptionally(FailureMapper.unwrap(failure));
              return;
            }
            try {
              CompletableFuture<PurgeStatusResult> wait =
                  waiter.awaitAsync(
                      submitted.requestId(), remaining(submitted, deadline), listener, false);
              stage.exchange(wait);
              wait.whenComplete(
                  (status, error) -> {
                    if (error != null) {
                      result.completeExceptionally(FailureMapper.unwrap(error));
                    } else {
                      result.complete(status);
                    }
                  });
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
      return result;
    }

    @Override
    public String toString() {
      return "Async" + DefaultPurgeClient.this;
    }
  }
}
