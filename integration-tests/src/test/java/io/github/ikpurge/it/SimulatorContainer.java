package io.github.ikpurge.it;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The simulator ({@code SimulatorMain}) in a container of the {@link SimulatorImage}, with its
 * control endpoint. Close it (or {@link #stop()} it) when done: Ryuk may be disabled, so nothing
 * else removes it.
 */
final class SimulatorContainer extends GenericContainer<SimulatorContainer> {

  /** The simulator's port inside the container. */
  static final int API_PORT = 8080;

  /** The control endpoint's port inside the container. */
  static final int CONTROL_PORT = 8081;

  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final List<String> arguments = new ArrayList<>();
  private boolean https;
  private int fixedApiPort = -1;
  private int fixedControlPort = -1;

  /**
   * Creates a container that accepts one private key and completes a purge on its third poll.
   *
   * @param privateKey the key the simulator accepts
   */
  SimulatorContainer(String privateKey) {
    super(DockerImageName.parse(SimulatorImage.name()));
    arguments.addAll(
        List.of(
            "--host",
            "0.0.0.0",
            "--port",
            Integer.toString(API_PORT),
            "--control-port",
            Integer.toString(CONTROL_PORT),
            "--key",
            privateKey,
            "--complete-after-polls",
            "2"));
    // The image exists only here; it must never be looked for in a registry.
    withImagePullPolicy(image -> false);
    waitingFor(
        Wait.forLogMessage(".*ImageKit simulator listening on .*", 1).withStartupTimeout(STARTUP));
  }

  /** Serves HTTPS with the testkit's test certificate. */
  SimulatorContainer withHttps() {
    https = true;
    arguments.add("--https");
    return self();
  }

  /** Allows this many API requests per interval, then answers 429. */
  SimulatorContainer withRateLimit(int requests, Duration interval) {
    arguments.addAll(List.of("--rate-limit", requests + "/" + interval.toMillis()));
    return self();
  }

  /**
   * Publishes the ports on fixed, free host ports, so that the container can be stopped and started
   * again at the same address.
   */
  SimulatorContainer withFixedHostPorts() {
    fixedApiPort = freePort();
    fixedControlPort = freePort();
    return self();
  }

  @Override
  protected void configure() {
    setCommand(arguments.toArray(String[]::new));
    if (fixedApiPort > 0) {
      addFixedExposedPort(fixedApiPort, API_PORT);
      addFixedExposedPort(fixedControlPort, CONTROL_PORT);
    } else {
      addExposedPorts(API_PORT, CONTROL_PORT);
    }
  }

  /** Returns the address to give a client: {@code http(s)://localhost:<host port>}. */
  URI baseUri() {
    return URI.create(
        (https ? "https" : "http") + "://localhost:" + hostPort(API_PORT, fixedApiPort));
  }

  /** Returns a client of the control endpoint. */
  SimulatorControlClient control() {
    return new SimulatorControlClient(
        URI.create("http://localhost:" + hostPort(CONTROL_PORT, fixedControlPort)));
  }

  /** Freezes every process of the container: connections are accepted, nothing is answered. */
  void pause() {
    docker().pauseContainerCmd(getContainerId()).exec();
  }

  /** Lets a paused container go on. */
  void unpause() {
    docker().unpauseContainerCmd(getContainerId()).exec();
  }

  /** Returns whether the container is paused. */
  boolean isPaused() {
    return Boolean.TRUE.equals(
        docker().inspectContainerCmd(getContainerId()).exec().getState().getPaused());
  }

  /** Stops the container's process but keeps the container, so that it can start again. */
  void stopInPlace() {
    docker().stopContainerCmd(getContainerId()).withTimeout(10).exec();
  }

  /**
   * Starts a container stopped in place again, on the same host ports, and waits until it answers.
   */
  void startInPlace() {
    docker().startContainerCmd(getContainerId()).exec();
    control().awaitReady(STARTUP);
  }

  /** Returns whether the container's process runs (paused counts as running). */
  boolean isProcessRunning() {
    return Boolean.TRUE.equals(
        docker().inspectContainerCmd(getContainerId()).exec().getState().getRunning());
  }

  private DockerClient docker() {
    return getDockerClient();
  }

  private int hostPort(int containerPort, int fixed) {
    return fixed > 0 ? fixed : getMappedPort(containerPort);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
