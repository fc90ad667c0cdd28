package io.github.ikpurge.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot application, with Spring Boot's own metrics, on the simulator.
 */
@SpringBootTest(
    classes = PurgeApplication.class,
    properties = {"ikpurge.poll.initial-delay=20ms", "ikpurge.poll.max-delay=50ms"})
class PurgeApplicationTest {

  private static final ImageKitSimulator SIMULATOR = ImageKitSimulator.start();

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    registry.add("ikpurge.base-uri", () -> SIMULATOR.baseUri().toString());
    registry.add("ikpurge.private-key", SIMULATOR::privateKey);
  }

  @AfterAll
  static void stopSimulator() {
    SIMULATOR.close();
  }

  @Autowired PurgeClient client;

  @Autowired MeterRegistry meters;

  @Test
  void purgesAndAwaitsCompletionThroughTheInjectedClient() {
    String url = "https://ik.imagekit.io/demo/app.png";
    PurgeStatusResult result = client.purgeAndAwait(url);

    assertThat(result.status()).isEqualTo(PurgeCacheStatus.COMPLETED);
    assertThat(SIMULATOR.purgeCount(url)).isEqualTo(1);
    assertThat(client.transportName()).isEqualTo("jdk");
    assertThat(meters.get("ikpurge.calls").timers()).isNotEmpty();
    assertThat(meters.get("ikpurge.polls").counters()).isNotEmpty();
  }
}
