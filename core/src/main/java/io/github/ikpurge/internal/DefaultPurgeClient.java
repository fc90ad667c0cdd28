package io.github.ikpurge.internal;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.domain.PurgeResult;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.TransportProvider;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The engine behind {@link PurgeClient}: builds the calls and hands them to the executor. */
public final class DefaultPurgeClient implements PurgeClient {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge");
  private static final String PURGE_PATH = "/v1/files/purge";

  private final HttpTransport transport;
  private final JsonCodec codec;
  private final ResponseMapper mapper;
  private final CallExecutor executor;
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
    this.lifecycle = new Lifecycle(owned ? transport::close : () -> {});
    this.purgeUri = URI.create(settings.baseUri() + PURGE_PATH);
    this.statusPrefix = settings.baseUri() + PURGE_PATH + '/';
    this.getHeaders =
        Headers.builder()
            .add("Authorization", settings.authorization())
            .add("Accept", "application/json")
            .add("User-Agent", settings.transportOptions().userAgent())
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
  public static PurgeClient create(ClientSettings settings) {
    if (settings.transport() != null) {
      return new DefaultPurgeClient(settings, settings.transport(), false);
    }
    TransportProvider provider = Discovery.standard().selectTransport(settings.transportName());
    HttpTransport transport = provider.create(settings.transportOptions());
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

  @Override
  public PurgeResult purge(String url) {
    return run(purgeCall(url));
  }

  @Override
  public PurgeStatusResult status(String requestId) {
    return run(statusCall(requestId));
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
        "POST",
        purgeUri,
        postHeaders,
        body,
        false,
        (metadata, bytes) -> new PurgeResult(mapper.purgeRequestId(metadata, bytes), metadata));
  }

  private Call<PurgeStatusResult> statusCall(String requestId) {
    PurgeRequestId id = PurgeRequestId.of(requestId);
    return new Call<>(
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
    public String toString() {
      return "Async" + DefaultPurgeClient.this;
    }
  }
}
