package io.github.ikpurge.cli;

import io.github.ikpurge.PollPolicy;
import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.domain.PurgeStatusResult;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ImageKit;
import io.github.ikpurge.facade.ResultCacheStatus;
import io.github.ikpurge.facade.dotnet.ImagekitClient;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The command-line demo: purges a file and follows the purge to completion, then runs ImageKit's
 * Java and .NET status snippets through this SDK's facades.
 *
 * <p>With no {@code IMAGEKIT_PRIVATE_KEY} in the environment it starts the simulator in-process and
 * talks to it. With the key set it talks to the real API and purges {@code IMAGEKIT_PURGE_URL}
 * (each purge counts against the account's monthly quota).
 *
 * <p>It is the {@code demo} command of {@link IkPurge}, which runs it when no command is given.
 */
final class Demo {

  static final String DEMO_FILE = "https://ik.imagekit.io/demo/default-image.jpg";

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final String transport;
  private PollPolicy pollPolicy = PollPolicy.defaults();
  private final Duration maxWait = Duration.ofMinutes(2);

  Demo(Map<String, String> env, PrintStream out, PrintStream err, String transport) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.transport = transport;
  }

  /** Runs the demo; returns the exit code. */
  int run() {
    String key = env.get("IMAGEKIT_PRIVATE_KEY");
    try {
      if (key == null || key.isBlank()) {
        return runAgainstSimulator();
      }
      return runAgainstImageKit(key);
    } catch (ImageKitException e) {
      Output.printError(err, e.getMessage(), e.ikRequestId().orElse(null));
      return ExitCodes.of(e);
    } catch (IllegalArgumentException e) {
      Output.printError(err, e.getMessage(), null);
      return ExitCodes.USAGE;
    }
  }

  private int runAgainstSimulator() {
    try (ImageKitSimulator simulator = ImageKitSimulator.builder().completeAfterPolls(2).start()) {
      // The simulator is quick; poll it faster than the real API needs.
      pollPolicy = PollPolicy.builder().initialDelay(Duration.ofMillis(300)).build();
      out.println(
          "No IMAGEKIT_PRIVATE_KEY set: running against the embedded ImageKit simulator at "
              + simulator.baseUri());
      Configuration config =
          new Configuration(
                  "public_simulator_key",
                  simulator.privateKey(),
                  "https://ik.imagekit.io/your_imagekit_id/")
              .withApiBaseUrl(simulator.baseUri().toString());
      return purgeAndFollow(config, DEMO_FILE);
    }
  }

  private int runAgainstImageKit(String key) {
    String url = env.get("IMAGEKIT_PURGE_URL");
    if (url == null || url.isBlank()) {
      err.println(
          "error: IMAGEKIT_PRIVATE_KEY is set, so the demo talks to the real API; set"
              + " IMAGEKIT_PURGE_URL to the URL of a file to purge (each purge counts against your"
              + " monthly quota), or unset IMAGEKIT_PRIVATE_KEY to use the simulator");
      return ExitCodes.USAGE;
    }
    out.println("IMAGEKIT_PRIVATE_KEY set: talking to " + PurgeClient.DEFAULT_BASE_URI);
    return purgeAndFollow(new Configuration(env.get("IMAGEKIT_PUBLIC_KEY"), key, null), url);
  }

  private int purgeAndFollow(Configuration config, String url) {
    if (transport != null) {
      config = config.withTransport(transport);
    }
    try (PurgeClient client = config.toClientBuilder().pollPolicy(pollPolicy).build()) {
      out.println("Transport: " + client.transportName());
      out.println("Purging " + url + " and waiting for it to complete:");
      PurgeStatusResult result =
          client.purgeAndAwait(
              url,
              maxWait,
              poll -> {
                if (poll.poll() == 1) {
                  out.println("  requestId " + poll.requestId());
                }
                out.printf(
                    "  poll %d: %s (%.1f s)%n",
                    poll.poll(), poll.status(), poll.elapsed().toMillis() / 1000.0);
              });
      String id = result.requestId().value();
      if (!result.status().isCompleted()) {
        err.println("error: the purge ended as " + result.status() + ", not Completed");
        return ExitCodes.OTHER_STATUS;
      }

      out.println("ImageKit's Java snippet, on the Java-style facade:");
      ImageKit.getInstance().setConfig(config);
      ResultCacheStatus javaStyle = ImageKit.getInstance().getPurgeCacheStatus(id);
      out.println(
          "  ImageKit.getInstance().getPurgeCacheStatus(\""
              + id
              + "\").getStatus() -> "
              + javaStyle.getStatus()
              + " (HTTP "
              + javaStyle.getResponseMetaData().getHttpStatusCode()
              + ")");
      out.println("ImageKit's .NET snippet, on the .NET-style facade:");
      ResultCacheStatus dotnetStyle;
      try (ImagekitClient imagekit = new ImagekitClient(config)) {
        dotnetStyle = imagekit.PurgeStatus(id);
      }
      out.println(
          "  imagekit.PurgeStatus(\""
              + id
              + "\").getStatus() -> "
              + dotnetStyle.getStatus()
              + " (raw "
              + dotnetStyle.getResponseMetaData().getRaw()
              + ")");
      out.println("Done.");
      return ExitCodes.OK;
    }
  }
}
