package io.github.ikpurge.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Enables tests marked {@link RequiresDocker} when a Docker engine answers; otherwise skips them,
 * or fails them when Docker is required. Asks Testcontainers once per JVM, and waits at most {@link
 * #PROBE_LIMIT} for its answer.
 */
final class DockerCondition implements ExecutionCondition {

  /**
   * How long Testcontainers may take to find Docker. Where it believes it runs in a container and
   * no registry answers, it can otherwise hang for minutes trying to pull an image.
   */
  static final Duration PROBE_LIMIT = Duration.ofSeconds(30);

  private static final String HINT = "set " + ItSettings.REQUIRE_DOCKER + "=true to fail instead";

  private static volatile Probe probe;

  /** What the look for Docker found. */
  record Probe(boolean available, String reason) {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return decide(probe(), ItSettings.current().requireDocker());
  }

  /**
   * Decides whether container tests run.
   *
   * @param probe what the look for Docker found
   * @param required whether the tests must run
   * @return enabled when the engine answers, disabled with a one-line reason when it does not
   * @throws IllegalStateException when it does not but the tests are required
   */
  static ConditionEvaluationResult decide(Probe probe, boolean required) {
    if (probe.available()) {
      return ConditionEvaluationResult.enabled(probe.reason());
    }
    if (required) {
      throw new IllegalStateException(
          probe.reason()
              + ", but "
              + ItSettings.REQUIRE_DOCKER
              + "=true: the container tests must run here. Start Docker, or unset "
              + ItSettings.REQUIRE_DOCKER
              + " (and "
              + ItSettings.environmentName(ItSettings.REQUIRE_DOCKER)
              + ") to skip them.");
    }
    return ConditionEvaluationResult.disabled(
        probe.reason() + ": container tests skipped (" + HINT + ")");
  }

  /** Returns what a look for Docker found, looking on the first call only. */
  static Probe probe() {
    Probe known = probe;
    if (known == null) {
      synchronized (DockerCondition.class) {
        known = probe;
        if (known == null) {
          known = look(PROBE_LIMIT, DockerClientFactory.instance()::isDockerAvailable);
          probe = known;
        }
      }
    }
    return known;
  }

  /**
   * Runs a look for Docker on a daemon thread and waits at most {@code limit} for it.
   *
   * @param limit the longest wait
   * @param check answers whether Docker is available
   * @return what it found; not available when it fails or does not answer in time
   */
  static Probe look(Duration limit, BooleanSupplier check) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    Thread looking =
        new Thread(
            () -> {
              try {
                answer.complete(check.getAsBoolean());
              } catch (RuntimeException | LinkageError e) {
                answer.completeExceptionally(e);
              }
            },
            "ikpurge-docker-probe");
    looking.setDaemon(true);
    looking.start();
    try {
      return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS)
          ? new Probe(true, "a Docker engine answers")
          : new Probe(false, "No Docker engine answers");
    } catch (TimeoutException e) {
      return new Probe(
          false,
          "Docker did not answer within "
              + limit.toMillis()
              + " ms (where no registry answers, export TESTCONTAINERS_HOST_OVERRIDE=localhost and"
              + " TESTCONTAINERS_RYUK_DISABLED=true)");
    } catch (ExecutionException e) {
      return new Probe(false, "No Docker engine answers (" + e.getCause() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(false, "The look for Docker was interrupted");
    }
  }
}
