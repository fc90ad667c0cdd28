package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.conformance.ForkedJvm;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.transport.jdk.JdkHttpTransport;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Core and the JDK transport, and nothing else, in a JVM with a 32 MiB heap. */
class LowMemoryTest {

  @Test
  void coreAndTheJdkTransportRunInA32MebibyteHeap() throws Exception {
    try (ImageKitSimulator simulator = ImageKitSimulator.builder().completeAfterPolls(1).start()) {
      String classPath =
          String.join(
              File.pathSeparator,
              location(PurgeClient.class),
              location(JdkHttpTransport.class),
              location(LowMemoryMain.class));
      ForkedJvm.Result run =
          ForkedJvm.run(
              Duration.ofMinutes(2),
              classPath,
              List.of("-Xmx32m", "-XX:+UseSerialGC"),
              LowMemoryMain.class.getName(),
              simulator.baseUri().toString(),
              simulator.privateKey());
      String output = run.output();

      assertThat(run.exitCode()).as(output).isZero();
      assertThat(output.strip()).isEqualTo("jdk Completed");
      assertThat(simulator.journal(Endpoint.PURGE)).hasSize(50);
    }
  }

  /** Returns the class-path entry a class was loaded from: a jar, or a classes folder. */
  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
