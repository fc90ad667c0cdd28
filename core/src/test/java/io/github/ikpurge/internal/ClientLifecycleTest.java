package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What closing a client does: it refuses every call from then on, closes a transport it created
 * once the last call in flight has ended, and never closes the caller's.
 */
class ClientLifecycleTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final InMemoryTransport transport = new InMemoryTransport();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stopCallers() {
    transport.release();
    callers.shutdownNow();
  }

  /** One way into the client; an asynchronous one waits for its future. */
  record Entry(String name, boolean purges, Function<PurgeClient, Object> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Entry> entries() {
    return Stream.of(
        new Entry("purge", true, client -> client.purge(URL)),
        new Entry("status", false, client -> client.status("abc")),
        new Entry("awaitCompletion", false, client -> client.awaitCompletion("abc")),
        new Entry(
            "awaitCompletion with a limit",
            false,
            client -> client.awaitCompletion("abc", WAIT, event -> {})),
        new Entry("purgeAndAwait", true, client -> client.purgeAndAwait(URL)),
        new Entry(
            "purgeAndAwait with a limit",
            true,
            client -> client.purgeAndAwait(URL, WAIT, event -> {})),
        new Entry("async purge", true, client -> client.async().purge(URL).join()),
        new Entry("async status", false, client -> client.async().status("abc").join()),
        new Entry(
            "async awaitCompletion", false, client -> client.async().awaitCompletion("abc").join()),
        new Entry(
            "async awaitCompletion with a limit",
            false,
            client -> client.async().awaitCompletion("abc", WAIT, event -> {}).join()),
        new Entry("async purgeAndAwait", true, client -> client.async().purgeAndAwait(URL).join()),
        new Entry(
            "async purgeAndAwait with a limit",
            true,
            client -> client.async().purgeAndAwait(URL, WAIT, event -> {}).join()));
  }

  private static ClientSettings settings(URI baseUri) {
    return ClientSettings.builder()
        .privateKey("private_lifecycle")
        .baseUri(baseUri)
        .pollPolicy(
            PollPolicy.builder()
                .initialDelay(Duration.ofMillis(1))
                .maxDelay(Duration.ofMillis(1))
                .jitter(0)
                .build())
        .build();
  }

  /** A client that created its transport, this test's, from a provider. */
  private PurgeClient owningClient() {
    return DefaultPurgeClient.create(settings(PurgeClient.DEFAULT_BASE_URI), provider(transport));
  }

  private static TransportProvider provider(HttpTransport created) {
    return FakeProviders.creating("in-memory", options -> created);
  }

  private void answerFor(Entry entry) {
    if (entry.purges()) {
      transport.respond(201, "{\"requestId\":\"abc\"}");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void eachCallEndsItsTurnSoThatClosingAfterItClosesTheTransport(Entry entry) throws Exception {
    PurgeClient client = owningClient();
    answerFor(entry);

    entry.call().apply(client);
    client.close();

    assertThat(transport.awaitClosed()).as("the transport was closed").isTrue();
    assertThat(transport.closes()).as("closes of the transport").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void aClosedClientRefusesEachCallBeforeAnyRequest(Entry entry) {
    PurgeClient client = owningClient();
    client.close();

    assertThatThrownBy(() -> entry.call().apply(client))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("this PurgeClient is closed");
    assertThat(transport.requests()).isEmpty();
    assertThat(transport.closes()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void closingDuringACallClosesTheTransportOnlyOnceTheCallHasEnded(Entry entry) throws Exception {
    PurgeClient client = owningClient();
    answerFor(entry);
    transport.hold();
    CompletableFuture<Object> call =
        CompletableFuture.supplyAsync(() -> entry.call().apply(client), callers);
    transport.awaitArrivals(1);

    client.close();

    assertThat(transport.closes()).as("closes while the call is in flight").isZero();
    transport.release();
    assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    assertThat(transport.awaitClosed()).as("the transport was closed").isTrue();
    assertThat(transport.closes()).as("closes once the call has ended").isEqualTo(1);
  }

  /** Such as a NoClassDefFoundError of a library the transport needs. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void anErrorAsAnExchangeStartsEndsTheCallWithItAndTheCallIsOver(Entry entry) throws Exception {
    PurgeClient client = owningClient();
    Error missing = new NoClassDefFoundError("org/example/Missing");
    transport.failingToStart(missing);

    CompletableFuture<Object> call =
        CompletableFuture.supplyAsync(() -> entry.call().apply(client), callers);

    assertThat(call)
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .satisfies(
            e ->
                assertThat(
                        e.getCause() instanceof CompletionException joined
                            ? joined.getCause()
                            : e.getCause())
                    .isSameAs(missing));
    client.close();
    assertThat(transport.awaitClosed()).as("the transport was closed").isTrue();
  }

  @Test
  void closingTwiceClosesTheTransportOnce() {
    PurgeClient client = owningClient();

    client.close();
    client.close();

    assertThat(transport.closes()).isEqualTo(1);
  }

  @Test
  void theCallersTransportStaysOpenWhenTheClientCloses() {
    PurgeClient client =
        PurgeClient.builder().privateKey("private_lifecycle").transport(transport).build();
    client.status("abc");

    client.close();

    assertThat(transport.closes()).isZero();
    assertThatThrownBy(() -> client.status("abc")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCreatedTransportThatMayUseAProxyForPlainHttpIsClosedWithTheRefusal() {
    // The in-memory transport cannot tell that it connects directly.
    ClientSettings clearText = settings(URI.create("http://localhost:8080"));

    assertThatThrownBy(() -> DefaultPurgeClient.create(clearText, provider(transport)))
        .isExactlyInstanceOf(ConfigurationException.class)
        .hasMessageContaining("through a proxy");
    assertThat(transport.closes()).isEqualTo(1);
  }

  @Test
  void aProviderThatCannotCreateItsTransportIsAConfigurationErrorNamingIt() {
    TransportProvider broken =
        FakeProviders.creating(
            "broken",
            options -> {
              throw new IllegalStateException("no sockets today");
            });

    assertThatThrownBy(
            () -> DefaultPurgeClient.create(settings(PurgeClient.DEFAULT_BASE_URI), broken))
        .isExactlyInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Transport broken (test:broken) could not be created")
        .hasMessageContaining("no sockets today")
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
