package io.github.ikpurge.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.AsyncPurgeClient;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ImageKit;
import io.github.ikpurge.facade.dotnet.ImagekitClient;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ImageKitSimulatorTest(completeAfterPolls = 4)
class AnnotatedSimulatorTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";

  private final ImageKitSimulator constructed;

  @Simulated ImageKitSimulator simulator;
  @Simulated PurgeClient client;
  @Simulated AsyncPurgeClient async;

  private ImageKitSimulator beforeEach;

  AnnotatedSimulatorTest(ImageKitSimulator constructed) {
    this.constructed = constructed;
  }

  @BeforeEach
  void setUp(ImageKitSimulator simulator) {
    this.beforeEach = simulator;
  }

  @Test
  void injectsOneSimulatorIntoFieldsConstructorLifecycleAndTestParameters(
      ImageKitSimulator parameter, PurgeClient clientParameter, AsyncPurgeClient asyncParameter) {
    assertThat(simulator)
        .isNotNull()
        .isSameAs(parameter)
        .isSameAs(constructed)
        .isSameAs(beforeEach);
    assertThat(clientParameter).isSameAs(client);
    assertThat(async).isNotNull();
    assertThat(asyncParameter).isNotNull();
    assertThat(client.transportName()).isEqualTo("loopback");
  }

  @Test
  void theClientIsAimedAtTheSimulatorWithItsKey() {
    String id = client.purge(URL).requestId().value();

    assertThat(simulator.purgeCount(URL)).isOne();
    assertThat(simulator.peekStatus(id).isPending()).isTrue();
  }

  @Test
  void theAsyncClientSharesTheClient() {
    String id = async.purge(URL).join().requestId().value();

    assertThat(client.status(id).status().isPending()).isTrue();
    assertThat(simulator.journal()).hasSize(2);
  }

  // The production schedule (1 s, x1.5, -20 % at most) cannot make the five polls needed in under
  // 6.5 s, so a 5 s limit tells the schedules apart; the test schedule needs about 0.1 s.
  @Test
  void awaitsOnTheFastTestSchedule() {
    PurgeStatusResult done = client.purgeAndAwait(URL, Duration.ofSeconds(5));

    assertThat(done.status().isCompleted()).isTrue();
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(5);
  }

  @Test
  void awaitsThroughTheAsyncClientOnTheFastSchedule() {
    String id = client.purge(URL).requestId().value();

    PurgeStatusResult done = async.awaitCompletion(id, Duration.ofSeconds(5)).join();

    assertThat(done.status().isCompleted()).isTrue();
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(5);
  }

  @Test
  void theAnnotationSetsCompleteAfterPolls() {
    String id = simulator.registerPurge(URL);

    for (int poll = 0; poll < 4; poll++) {
      assertThat(client.status(id).status().isPending()).isTrue();
    }
    assertThat(client.status(id).status().isCompleted()).isTrue();
  }

  @Test
  void theDotNetFacadeWaitsOnTheInjectedFastClient() {
    ImagekitClient imagekit = new ImagekitClient(client);

    assertThat(imagekit.PurgeCacheAndWait(URL, Duration.ofSeconds(5)).getStatus())
        .isEqualTo("Completed");
    assertThat(simulator.journal(Endpoint.STATUS)).hasSize(5);
  }

  @Test
  void theJavaFacadeIsAimedAtTheSimulatorByItsConfiguration() {
    ImageKit.getInstance()
        .setConfig(
            new Configuration(null, simulator.privateKey(), null)
                .withApiBaseUrl(simulator.baseUri().toString()));

    ImageKit.getInstance().purgeCache(URL);

    assertThat(simulator.purgeCount(URL)).isOne();
  }
}
