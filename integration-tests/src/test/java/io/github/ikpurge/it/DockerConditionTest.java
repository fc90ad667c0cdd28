package io.github.ikpurge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** When the container tests run, skip or fail; and where their settings come from. */
final class DockerConditionTest {

  private static final DockerCondition.Probe FOUND =
      new DockerCondition.Probe(true, "a Docker engine answers");
  private static final DockerCondition.Probe MISSING =
      new DockerCondition.Probe(false, "No Docker engine answers");

  @Test
  void withDockerTheContainerTestsRunWhetherRequiredOrNot() {
    assertThat(DockerCondition.decide(FOUND, false).isDisabled()).isFalse();
    assertThat(DockerCondition.decide(FOUND, true).isDisabled()).isFalse();
  }

  @Test
  void withoutDockerTheContainerTestsAreSkippedWithAOneLineReason() {
    ConditionEvaluationResult result = DockerCondition.decide(MISSING, false);

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("No Docker engine answers: container tests skipped")
                    .doesNotContain("\n"));
  }

  @Test
  void withoutDockerButRequiredTheContainerTestsFail() {
    assertThatThrownBy(() -> DockerCondition.decide(MISSING, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("No Docker engine answers, but ikpurge.it.requireDocker=true");
  }

  @Test
  void aLookForDockerThatDoesNotEndInTimeCountsAsNoDockerAndSaysWhatToExport() {
    long started = System.nanoTime();

    DockerCondition.Probe probe =
        DockerCondition.look(
            Duration.ofMillis(200),
            () -> {
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return true;
            });

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(probe.available()).isFalse();
    assertThat(probe.reason())
        .startsWith("Docker did not answer within 200 ms")
        .contains("TESTCONTAINERS_HOST_OVERRIDE=localhost");
    assertThat(DockerCondition.decide(probe, false).isDisabled()).isTrue();
  }

  @Test
  void aLookForDockerThatFailsCountsAsNoDocker() {
    DockerCondition.Probe probe =
        DockerCondition.look(
            Duration.ofSeconds(5),
            () -> {
              throw new IllegalStateException("no socket");
            });

    assertThat(probe.available()).isFalse();
    assertThat(probe.reason()).startsWith("No Docker engine answers").contains("no socket");
  }

  @Test
  void aLookForDockerThatAnswersReportsItsAnswer() {
    assertThat(DockerCondition.look(Duration.ofSeconds(5), () -> true).available()).isTrue();
    assertThat(DockerCondition.look(Duration.ofSeconds(5), () -> false).available()).isFalse();
  }

  @Test
  void aSettingComesFromTheSystemPropertyElseFromItsEnvironmentVariable() {
    ItSettings fromProperty =
        new ItSettings(
            Map.of("ikpurge.it.requireDocker", "true")::get,
            Map.of("IKPURGE_IT_REQUIRE_DOCKER", "false")::get);
    ItSettings fromEnvironment =
        new ItSettings(
            name -> null,
            Map.of("IKPURGE_IT_REQUIRE_DOCKER", "true", "IKPURGE_IT_BASE_IMAGE", " jre:17 ")::get);
    ItSettings unset = new ItSettings(name -> null, name -> null);

    assertThat(fromProperty.requireDocker()).isTrue();
    assertThat(fromEnvironment.requireDocker()).isTrue();
    assertThat(fromEnvironment.baseImage()).isEqualTo("jre:17");
    assertThat(unset.requireDocker()).isFalse();
    assertThat(unset.baseImage()).isEmpty();
  }

  @Test
  void theEnvironmentVariableOfASettingIsItsNameInUpperSnakeCase() {
    assertThat(ItSettings.environmentName("ikpurge.it.requireDocker"))
        .isEqualTo("IKPURGE_IT_REQUIRE_DOCKER");
    assertThat(ItSettings.environmentName("ikpurge.it.baseImage"))
        .isEqualTo("IKPURGE_IT_BASE_IMAGE");
  }
}
