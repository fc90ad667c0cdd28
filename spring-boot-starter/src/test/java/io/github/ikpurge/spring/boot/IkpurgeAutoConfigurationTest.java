package io.github.ikpurge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.ForbiddenException;
import io.github.ikpurge.error.ImageKitTimeoutException;
import io.github.ikpurge.error.ResponseTooLargeException;
import io.github.ikpurge.micrometer.MicrometerCallListener;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.CallObserver;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.ScriptedResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class IkpurgeAutoConfigurationTest {

  private static final String URL = "https://ik.imagekit.io/demo/logo.png";

  private static ImageKitSimulator simulator;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  IkpurgeAutoConfiguration.class, IkpurgeMicrometerAutoConfiguration.class));

  @BeforeAll
  static void startSimulator() {
    simulator = ImageKitSimulator.start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void resetSimulator() {
    simulator.reset();
  }

  private ApplicationContextRunner aimedAtSimulator() {
    return runner.withPropertyValues(
        "ikpurge.base-uri=" + simulator.baseUri(), "ikpurge.private-key=" + simulator.privateKey());
  }

  @Test
  void theKeyAndAddressReachTheClient() {
    aimedAtSimulator()
        .run(
            context -> {
              assertThat(context).hasSingleBean(PurgeClient.class);
              assertThat(context).hasSingleBean(AsyncPurgeClient.class);
              PurgeClient client = context.getBean(PurgeClient.class);
              assertThat(client.purge(URL).requestId()).isNotNull();
              assertThat(simulator.purgeCount(URL)).isEqualTo(1);
              assertThat(client.transportName()).isEqualTo("jdk");
              assertThat(context.getBean(AsyncPurgeClient.class).purge(URL).join().requestId())
                  .isNotNull();
            });
  }

  @Test
  void aWrongKeyIsSentAsGiven() {
    runner
        .withPropertyValues(
            "ikpurge.base-uri=" + simulator.baseUri(), "ikpurge.private-key=private_wrong")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(PurgeClient.class).purge(URL))
                    .isInstanceOf(ForbiddenException.class));
  }

  @Test
  void everyPropertyBinds() {
    runner
        .withPropertyValues(
            "ikpurge.private-key=private_abc",
            "ikpurge.base-uri=http://127.0.0.1:1/prefix",
            "ikpurge.transport=jdk",
            "ikpurge.attempt-timeout=2s",
            "ikpurge.call-timeout=1m",
            "ikpurge.allow-insecure-http=true",
            "ikpurge.max-response-bytes=4096",
            "ikpurge.max-response-header-bytes=2048",
            "ikpurge.retry.max-attempts=5",
            "ikpurge.retry.base-delay=10ms",
            "ikpurge.retry.max-delay=1s",
            "ikpurge.poll.initial-delay=100ms",
            "ikpurge.poll.multiplier=2",
            "ikpurge.poll.max-delay=3s",
            "ikpurge.poll.jitter=0",
            "ikpurge.poll.max-wait=30s",
            "ikpurge.rate-limit.requests=100",
            "ikpurge.rate-limit.interval=1m")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(PurgeClient.class);
              IkpurgeProperties properties = context.getBean(IkpurgeProperties.class);
              assertThat(properties.getPrivateKey()).isEqualTo("private_abc");
              assertThat(properties.getBaseUri())
                  .isEqualTo(URI.create("http://127.0.0.1:1/prefix"));
              assertThat(properties.getTransport()).isEqualTo("jdk");
              assertThat(properties.getAttemptTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofMinutes(1));
              assertThat(properties.isAllowInsecureHttp()).isTrue();
              assertThat(properties.getMaxResponseBytes()).isEqualTo(4096);
              assertThat(properties.getMaxResponseHeaderBytes()).isEqualTo(2048);
              assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
              assertThat(properties.getRetry().getBaseDelay()).isEqualTo(Duration.ofMillis(10));
              assertThat(properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofSeconds(1));
              assertThat(properties.getPoll().getInitialDelay()).isEqualTo(Duration.ofMillis(100));
              assertThat(properties.getPoll().getMultiplier()).isEqualTo(2.0);
              assertThat(properties.getPoll().getMaxDelay()).isEqualTo(Duration.ofSeconds(3));
              assertThat(properties.getPoll().getJitter()).isEqualTo(0.0);
              assertThat(properties.getPoll().getMaxWait()).isEqualTo(Duration.ofSeconds(30));
              assertThat(properties.getRateLimit().getRequests()).isEqualTo(100L);
              assertThat(properties.getRateLimit().getInterval()).isEqualTo(Duration.ofMinutes(1));
            });
  }

  @Test
  void anUnknownTransportFailsTheStart() {
    aimedAtSimulator()
        .withPropertyValues("ikpurge.transport=carrier-pigeon")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("carrier-pigeon"));
  }

  @Test
  void retryMaxAttemptsReachesTheClient() {
    String id = simulator.registerPurge(URL);
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.status(503));
    aimedAtSimulator()
        .withPropertyValues("ikpurge.retry.max-attempts=1")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(PurgeClient.class).status(id))
                    .isInstanceOf(ApiException.class));
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(1);

    simulator.reset();
    String second = simulator.registerPurge(URL);
    simulator.enqueue(Endpoint.STATUS, ScriptedResponse.status(503));
    aimedAtSimulator()
        .withPropertyValues(
            "ikpurge.retry.max-attempts=2",
            "ikpurge.retry.base-delay=1ms",
            "ikpurge.retry.max-delay=1ms")
        .run(
            context ->
                assertThat(context.getBean(PurgeClient.class).status(second).status()).isNotNull());
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(2);
  }

  @Test
  void theAttemptTimeoutReachesTheClient() {
    String id = simulator.registerPurge(URL);
    simulator.enqueue(
        Endpoint.STATUS, ScriptedResponse.status(503).withDelay(Duration.ofSeconds(5)));
    aimedAtSimulator()
        .withPropertyValues("ikpurge.attempt-timeout=200ms", "ikpurge.retry.max-attempts=1")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(PurgeClient.class).status(id))
                    .isInstanceOfSatisfying(
                        ImageKitTimeoutException.class,
                        e -> assertThat(e.limit()).isEqualTo(Duration.ofMillis(200))));
  }

  @Test
  void thePollPolicyReachesTheClient() {
    try (ImageKitSimulator never = ImageKitSimulator.builder().completeAfterPolls(1_000).start()) {
      runner
          .withPropertyValues(
              "ikpurge.base-uri=" + never.baseUri(),
              "ikpurge.private-key=" + never.privateKey(),
              "ikpurge.poll.initial-delay=20ms",
              "ikpurge.poll.max-delay=20ms",
              "ikpurge.poll.max-wait=300ms")
          .run(
              context -> {
                PurgeClient client = context.getBean(PurgeClient.class);
                // The default wait is 10 minutes; the bound one ends the wait in well under 5 s.
                assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () ->
                        assertThatThrownBy(() -> client.purgeAndAwait(URL))
                            .isInstanceOf(CompletionTimeoutException.class));
              });
    }
  }

  @Test
  void maxResponseBytesReachesTheClient() {
    aimedAtSimulator()
        .withPropertyValues("ikpurge.max-response-bytes=8")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(PurgeClient.class).purge(URL))
                    .isInstanceOf(ResponseTooLargeException.class));
  }

  @Test
  void theRateLimitReachesTheClient() {
    // A simulator of its own: the limiter is shared by every client of one key and base URI.
    try (ImageKitSimulator own = ImageKitSimulator.start()) {
      runner
          .withPropertyValues(
              "ikpurge.base-uri=" + own.baseUri(),
              "ikpurge.private-key=" + own.privateKey(),
              "ikpurge.rate-limit.requests=1",
              "ikpurge.rate-limit.interval=1h",
              "ikpurge.call-timeout=5s")
          .run(
              context -> {
                PurgeClient client = context.getBean(PurgeClient.class);
                client.purge(URL);
                // The next slot is an hour away, past the call's deadline: nothing is sent.
                assertThatThrownBy(() -> client.purge(URL))
                    .isInstanceOf(ImageKitTimeoutException.class);
                assertThat(own.acceptedPurges()).isEqualTo(1);
              });
    }
  }

  @Test
  void aRateIntervalWithoutRequestsFailsTheStart() {
    aimedAtSimulator()
        .withPropertyValues("ikpurge.rate-limit.interval=1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("ikpurge.rate-limit.interval"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesAClient() {
    PurgeClient own = simulator.clientBuilder().build();
    // No key is set: had the starter built a client of its own, the start would fail without one.
    runner
        .withPropertyValues("ikpurge.base-uri=http://127.0.0.1:1")
        .withBean("ownClient", PurgeClient.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(PurgeClient.class);
              assertThat(context.getBean(PurgeClient.class)).isSameAs(own);
              assertThat(context).hasSingleBean(AsyncPurgeClient.class);
              assertThat(context.getBean(AsyncPurgeClient.class).purge(URL).join().requestId())
                  .isNotNull();
            });
  }

  @Test
  void aMissingKeyFailsTheStartAndSaysWhereToSetIt() {
    assumeTrue(
        System.getenv(PurgeClient.PRIVATE_KEY_ENV) == null
            && System.getProperty(PurgeClient.PRIVATE_KEY_PROPERTY) == null,
        "a private key is set in this environment");
    runner
        .withPropertyValues("ikpurge.base-uri=" + simulator.baseUri())
        .run(
            context -> {
              assertThat(context)
                  .getFailure()
                  .rootCause()
                  .isInstanceOf(ConfigurationException.class)
                  .hasMessageContaining(PurgeClient.PRIVATE_KEY_ENV)
                  .hasMessageContaining(PurgeClient.PRIVATE_KEY_PROPERTY);
              FailureAnalysis analysis =
                  new PurgeClientFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription()).contains(PurgeClient.PRIVATE_KEY_ENV);
              assertThat(analysis.getAction()).contains("ikpurge.private-key");
            });
  }

  @Test
  void aBlankKeyPropertyLeavesTheKeyToCoresLookup() {
    assumeTrue(
        System.getenv(PurgeClient.PRIVATE_KEY_ENV) == null,
        "a private key is set in this environment");
    String before = System.getProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
    System.setProperty(PurgeClient.PRIVATE_KEY_PROPERTY, simulator.privateKey());
    try {
      // As ${IMAGEKIT_PRIVATE_KEY:} gives with the variable unset.
      runner
          .withPropertyValues("ikpurge.base-uri=" + simulator.baseUri(), "ikpurge.private-key=")
          .run(
              context ->
                  assertThat(context.getBean(PurgeClient.class).purge(URL).requestId().value())
                      .isNotBlank());
    } finally {
      if (before == null) {
        System.clearProperty(PurgeClient.PRIVATE_KEY_PROPERTY);
      } else {
        System.setProperty(PurgeClient.PRIVATE_KEY_PROPERTY, before);
      }
    }
  }

  @Test
  void theClientIsClosedWithTheContext() {
    AtomicReference<PurgeClient> client = new AtomicReference<>();
    aimedAtSimulator().run(context -> client.set(context.getBean(PurgeClient.class)));
    assertThatThrownBy(() -> client.get().purge(URL)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void listenerBeansAreAddedInOrder() {
    aimedAtSimulator()
        .withUserConfiguration(Listeners.class)
        .run(
            context -> {
              context.getBean(PurgeClient.class).purge(URL);
              assertThat(context.getBean(Listeners.class).seen).containsExactly("first", "second");
            });
  }

  @Test
  void customizersRunAfterTheProperties() {
    runner
        .withPropertyValues(
            "ikpurge.base-uri=http://127.0.0.1:1", "ikpurge.private-key=" + simulator.privateKey())
        .withBean(
            PurgeClientBuilderCustomizer.class,
            () -> builder -> builder.baseUri(simulator.baseUri()))
        .run(
            context -> {
              context.getBean(PurgeClient.class).purge(URL);
              assertThat(simulator.purgeCount(URL)).isEqualTo(1);
            });
  }

  @Test
  void aMeterRegistryGetsTheClientsMeters() {
    aimedAtSimulator()
        .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(MicrometerCallListener.class);
              context.getBean(PurgeClient.class).purge(URL);
              assertThat(context.getBean(MeterRegistry.class).get("ikpurge.calls").timer().count())
                  .isEqualTo(1);
            });
  }

  @Test
  void anObservationRegistryGetsTheClientsObservations() {
    List<String> observed = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public void onStart(Observation.Context context) {
                observed.add(context.getName());
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    aimedAtSimulator()
        .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ObservationRegistry.class, () -> observations)
        .run(
            context -> {
              context.getBean(PurgeClient.class).purge(URL);
              assertThat(observed).contains("ikpurge.call");
            });
  }

  @Test
  void noMeterRegistryNoListener() {
    aimedAtSimulator()
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerCallListener.class);
              assertThat(context).doesNotHaveBean(CallListener.class);
            });
  }

  @Test
  void withoutIkpurgeMicrometerTheClientStillStarts() {
    aimedAtSimulator()
        .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
        .withClassLoader(new FilteredClassLoader(MicrometerCallListener.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(CallListener.class);
              context.getBean(PurgeClient.class).purge(URL);
              assertThat(context.getBean(MeterRegistry.class).find("ikpurge.calls").timer())
                  .isNull();
            });
  }

  @Test
  void springBootsOwnRegistriesAreUsed() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                ObservationAutoConfiguration.class))
        .withPropertyValues(
            "ikpurge.base-uri=" + simulator.baseUri(),
            "ikpurge.private-key=" + simulator.privateKey())
        .run(
            context -> {
              assertThat(context).hasSingleBean(MicrometerCallListener.class);
              PurgeClient client = context.getBean(PurgeClient.class);
              assertThat(client.status(simulator.registerPurge(URL)).status())
                  .isEqualTo(PurgeCacheStatus.PENDING);
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(meters.get("ikpurge.calls").timer().count()).isEqualTo(1);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {

    final List<String> seen = new CopyOnWriteArrayList<>();

    @Bean
    @Order(2)
    CallListener second() {
      return named("second");
    }

    @Bean
    @Order(1)
    CallListener first() {
      return named("first");
    }

    private CallListener named(String name) {
      return call -> {
        seen.add(name);
        return CallObserver.NONE;
      };
    }
  }
}
