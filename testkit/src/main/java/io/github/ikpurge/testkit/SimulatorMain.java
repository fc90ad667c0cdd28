package io.github.ikpurge.testkit;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own: {@code java -jar ikpurge-testkit-<version>-standalone.jar --port
 * 8080 --key private_test}. It serves until the process is stopped.
 */
public final class SimulatorMain {

  private static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar ikpurge-testkit-standalone.jar [options]",
          "  --port N                  port to listen on (default 8080; 0 picks a free one)",
          "  --host ADDRESS            address to listen on (default 127.0.0.1; 0.0.0.0 in a container)",
          "  --key KEY                 private key to accept (repeatable; default "
              + ImageKitSimulator.DEFAULT_PRIVATE_KEY
              + ")",
          "  --complete-after-polls N  answer Pending to the first N polls of a purge (default 2)",
          "  --complete-after-ms N     answer Pending until N ms after a purge",
          "  --unknown-id-status N     status for an unknown request id (default 400)",
          "  --rate-limit N/MS         allow N API requests per MS milliseconds, then answer 429",
          "  --purge-quota N           accept N purges in all, then answer 403 (a monthly quota)",
          "  --https                   serve HTTPS with the test certificate (trust it only in tests)",
          "  --control-port N          also serve a control endpoint on port N, to script the",
          "                            simulator from another process (POST /scripts, POST /faults,",
          "                            GET /journal, POST /reset); for tests only");

  private SimulatorMain() {}

  /**
   * Starts the simulator and serves until the process ends.
   *
   * @param args the options in the usage text
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder().port(8080);
    OptionalInt controlPort;
    try {
      controlPort = parse(args, builder);
    } catch (IllegalArgumentException e) {
      fail(System.err, e.getMessage());
      return;
    }
    ImageKitSimulator simulator = builder.start();
    SimulatorControl control = null;
    if (controlPort.isPresent()) {
      try {
        control = SimulatorControl.start(simulator, builder.host, controlPort.getAsInt());
      } catch (RuntimeException e) {
        simulator.close();
        throw e;
      }
    }
    SimulatorControl started = control;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (started != null) {
                    started.close();
                  }
                  simulator.close();
                },
                "ikpurge-simulator-stop"));
    if (started != null) {
      System.out.println("Control endpoint listening on port " + started.port());
    }
    System.out.println("ImageKit simulator listening on " + simulator.baseUri());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /**
   * Applies the options to the builder.
   *
   * @param args the options in the usage text
   * @param builder the builder to configure
   * @return the port of the control endpoint, when {@code --control-port} asks for one
   */
  static OptionalInt parse(String[] args, ImageKitSimulator.Builder builder) {
    boolean keySet = false;
    OptionalInt controlPort = OptionalInt.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        System.out.println(USAGE);
        System.exit(0);
      }
      if (option.equals("--https")) {
        builder.https();
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> builder.port(number(option, value));
        case "--host" -> builder.host(address(value));
        case "--key" -> {
          if (keySet) {
            builder.addPrivateKey(value);
          } else {
            builder.privateKey(value);
            keySet = true;
          }
        }
        case "--complete-after-polls" -> builder.completeAfterPolls(number(option, value));
        case "--complete-after-ms" ->
            builder.completeAfter(Duration.ofMillis(number(option, value)));
        case "--unknown-id-status" -> builder.unknownRequestIdStatus(number(option, value));
        case "--rate-limit" -> rateLimit(value, builder);
        case "--purge-quota" -> builder.purgeQuota(number(option, value));
        case "--control-port" -> controlPort = OptionalInt.of(port(option, value));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return controlPort;
  }

  private static void rateLimit(String value, ImageKitSimulator.Builder builder) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("--rate-limit needs N/MS, such as 10/1000, was " + value);
    }
    builder.rateLimit(
        number("--rate-limit", value.substring(0, slash)),
        Duration.ofMillis(number("--rate-limit", value.substring(slash + 1))));
  }

  private static int port(String option, String value) {
    int port = number(option, value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be 0 to 65535, was " + port);
    }
    return port;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, was " + value);
    }
  }

  private static InetAddress address(String value) {
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + value + " is not a known address");
    }
  }

  private static void fail(PrintStream err, String message) {
    err.println("error: " + message);
    err.println(USAGE);
    System.exit(2);
  }
}
