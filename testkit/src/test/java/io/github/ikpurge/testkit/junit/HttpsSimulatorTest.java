package io.github.ikpurge.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ImageKitSimulatorTest(https = true, completeAfterPolls = 0)
class HttpsSimulatorTest {

  @Test
  void theClientTrustsTheTestCertificate(ImageKitSimulator simulator, PurgeClient client) {
    assertThat(simulator.baseUri().getScheme()).isEqualTo("https");

    assertThat(
            client
                .purgeAndAwait("https://ik.imagekit.io/demo/a.jpg", Duration.ofSeconds(5))
                .status()
                .isCompleted())
        .isTrue();
  }
}
