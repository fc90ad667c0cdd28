package io.github.ikpurge.testkit;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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
          "  --https                   serve HTTPS with the test certificate (trust it only in tests)");

  private SimulatorMain() {}

  /**
   * Starts the simulator and serves until the process ends.
   *
   * @param args the options in the usage text
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ImageKitSimulator.Builder builder = ImageKitSimulator.builder().port(8080);
    try {
      parse(args, builder);
    } catch (IllegalArgumentException e) {
      fail(System.err, e.getMessage());
      return;
    }
    ImageKitSimulator simulator = builder.start();
    System.out.println("ImageKit simulator listening on " + simulator.baseUri());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "ikpurge-simulator-stop"));
    new CountDownLatch(1).await();
  }

  static void parse(String[] args, ImageKitSimulator.Builder builder) {
    boolean keySet = false;
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
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
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
