package io.github.ikpurge.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes that use the extension through the Jupiter engine, then checks what they saw
 * and what was left running. The fixtures are nested static classes, which the build does not run
 * on their own.
 */
class ImageKitSimulatorExtensionTest {

  private static final String URL = "https://ik.imagekit.io/demo/a.jpg";

  /** The configuration parameter without which the fixtures are skipped, as in a plain run. */
  private static final String FIXTURE = "ikpurge.testkit.fixture";

  /** What the fixtures saw, in the order they saw it. */
  static final List<ImageKitSimulator> SIMULATORS = new ArrayList<>();

  static final List<PurgeClient> CLIENTS = new ArrayList<>();

  @BeforeEach
  void forget() {
    SIMULATORS.clear();
    CLIENTS.clear();
  }

  @Test
  void theAnnotationGivesEachTestAFreshSimulatorAndClosesItAfterTheTest() {
    run(PerTestScope.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    // Two instances, not two ports: the second may be given the port the first let go.
    assertThat(SIMULATORS).hasSize(2).doesNotHaveDuplicates();
    SIMULATORS.forEach(simulator -> assertThat(accepts(simulator)).isFalse());
    CLIENTS.forEach(
        client ->
            assertThatThrownBy(() -> client.purge(URL)).isInstanceOf(IllegalStateException.class));
  }

  @Test
  void perClassScopeSharesOneSimulatorAmongTheTestsAndClosesItAfterTheClass() {
    run(PerClass.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SIMULATORS).hasSize(3).containsOnly(SIMULATORS.get(0));
    assertThat(accepts(SIMULATORS.get(0))).isFalse();
    // Each test still gets its own client, closed after it.
    assertThat(CLIENTS).hasSize(2).doesNotHaveDuplicates();
    CLIENTS.forEach(
        client ->
            assertThatThrownBy(() -> client.purge(URL)).isInstanceOf(IllegalStateException.class));
  }

  @Test
  void aStaticRegisteredExtensionSharesOneSimulatorAndAppliesItsSettings() {
    run(StaticField.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SIMULATORS).hasSize(2).containsOnly(SIMULATORS.get(0));
    assertThat(SIMULATORS.get(0).privateKey()).isEqualTo("private_fixture");
    assertThat(accepts(SIMULATORS.get(0))).isFalse();
  }

  @Test
  void anInstanceRegisteredExtensionGivesEachTestItsOwnSimulator() {
    run(InstanceField.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SIMULATORS).hasSize(2).doesNotHaveDuplicates();
    SIMULATORS.forEach(simulator -> assertThat(accepts(simulator)).isFalse());
  }

  @Test
  void aStaticRegisteredExtensionCanBePerTest() {
    run(StaticPerTestScope.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SIMULATORS).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aPerTestSimulatorIsRefusedToBeforeAll() {
    run(PerTestInBeforeAll.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(m -> m.contains("SimulatorScope.PER_CLASS")))));
  }

  @Test
  void aStaticSimulatedFieldIsAConfigurationError() {
    run(StaticSimulatedField.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("test"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("must not be static")))));
  }

  @Test
  void theTestSchedulePollsWithinTensOfMilliseconds() {
    PollPolicy policy = ImageKitSimulator.TEST_POLL_POLICY;

    assertThat(policy.nominalDelay(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(policy.nominalDelay(2)).isEqualTo(Duration.ofMillis(15));
    assertThat(policy.nominalDelay(20)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.jitter()).isZero();
    assertThat(policy.maxWait()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theBuilderRefusesANegativePollCount() {
    ImageKitSimulatorExtension.Builder builder = ImageKitSimulatorExtension.builder();

    assertThatThrownBy(() -> builder.completeAfterPolls(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExtensionOutsideATestHasNoSimulator() {
    ImageKitSimulatorExtension extension = ImageKitSimulatorExtension.builder().build();

    assertThatThrownBy(extension::simulator)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No test");
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FIXTURE, "true")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static boolean accepts(ImageKitSimulator simulator) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), simulator.port())) {
      return socket.isConnected();
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ImageKitSimulatorTest
  @ExtendWith(OnlyAsFixture.class)
  static class PerTestScope {

    @Test
    void first(ImageKitSimulator simulator, PurgeClient client) {
      SIMULATORS.add(simulator);
      CLIENTS.add(client);
      client.purge(URL);
      assertThat(simulator.acceptedPurges()).isOne();
    }

    @Test
    void second(ImageKitSimulator simulator, PurgeClient client) {
      SIMULATORS.add(simulator);
      CLIENTS.add(client);
      client.purge(URL);
      assertThat(simulator.acceptedPurges()).isOne();
    }
  }

  @ImageKitSimulatorTest(scope = SimulatorScope.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @ExtendWith(OnlyAsFixture.class)
  static class PerClass {

    @BeforeAll
    static void beforeAll(ImageKitSimulator simulator) {
      SIMULATORS.add(simulator);
    }

    @Test
    @Order(1)
    void first(ImageKitSimulator simulator, PurgeClient client) {
      SIMULATORS.add(simulator);
      CLIENTS.add(client);
      client.purge(URL);
    }

    @Test
    @Order(2)
    void secondSeesTheFirstsPurge(ImageKitSimulator simulator, PurgeClient client) {
      SIMULATORS.add(simulator);
      CLIENTS.add(client);
      assertThat(simulator.journal(Endpoint.PURGE)).hasSize(1);
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @ExtendWith(OnlyAsFixture.class)
  static class StaticField {

    @RegisterExtension
    static ImageKitSimulatorExtension sim =
        ImageKitSimulatorExtension.builder()
            .completeAfterPolls(0)
            .configure(builder -> builder.privateKey("private_fixture"))
            .build();

    @Test
    @Order(1)
    void first() {
      SIMULATORS.add(sim.simulator());
      assertThat(sim.client().purgeAndAwait(URL, Duration.ofSeconds(5)).status().isCompleted())
          .isTrue();
    }

    @Test
    @Order(2)
    void secondSeesTheFirstsPurge(ImageKitSimulator simulator) {
      assertThat(simulator).isSameAs(sim.simulator());
      SIMULATORS.add(simulator);
      assertThat(simulator.journal(Endpoint.PURGE)).hasSize(1);
    }
  }

  @ExtendWith(OnlyAsFixture.class)
  static class InstanceField {

    @RegisterExtension
    ImageKitSimulatorExtension sim = ImageKitSimulatorExtension.builder().build();

    @Test
    void first(ImageKitSimulator simulator) {
      assertThat(simulator).isSameAs(sim.simulator());
      SIMULATORS.add(simulator);
    }

    @Test
    void second(ImageKitSimulator simulator) {
      assertThat(simulator).isSameAs(sim.simulator());
      SIMULATORS.add(simulator);
    }
  }

  @ExtendWith(OnlyAsFixture.class)
  static class StaticPerTestScope {

    @RegisterExtension
    static ImageKitSimulatorExtension sim =
        ImageKitSimulatorExtension.builder().scope(SimulatorScope.PER_TEST).build();

    @Test
    void first() {
      SIMULATORS.add(sim.simulator());
    }

    @Test
    void second() {
      SIMULATORS.add(sim.simulator());
    }
  }

  @ImageKitSimulatorTest
  @ExtendWith(OnlyAsFixture.class)
  static class PerTestInBeforeAll {

    @BeforeAll
    static void beforeAll(ImageKitSimulator simulator) {
      SIMULATORS.add(simulator);
    }

    @Test
    void test() {}
  }

  @ImageKitSimulatorTest
  @ExtendWith(OnlyAsFixture.class)
  static class StaticSimulatedField {

    @Simulated static ImageKitSimulator simulator;

    @Test
    void test() {}
  }

  /** Runs a fixture only inside {@link #run(Class)}, so that a plain test run skips it. */
  static final class OnlyAsFixture implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(FIXTURE).isPresent()
          ? ConditionEvaluationResult.enabled("run as a fixture")
          : ConditionEvaluationResult.disabled("a fixture of ImageKitSimulatorExtensionTest");
    }
  }
}
