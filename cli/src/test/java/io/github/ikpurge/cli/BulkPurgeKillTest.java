package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk purge killed with SIGKILL again and again, then run to its end with the same journal: over
 * all the runs, the simulator is asked to purge no URL twice, and every URL once except those the
 * last run reports in doubt (sent by a killed run whose answer never reached the journal).
 */
class BulkPurgeKillTest {

  private static final int URLS = 300;
  private static final int KILLS = 4;
  private static final int CONCURRENCY = 8;

  /** Requests a second the command sends: 300 URLs take about six seconds. */
  private static final int RATE = 50;

  @TempDir Path dir;

  @Test
  @Timeout(value = 110, unit = TimeUnit.SECONDS)
  void aRunKilledFourTimesAndResumedPurgesEachUrlOnceAtMost() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> urls =
        IntStream.range(0, URLS)
            .mapToObj(i -> "https://ik.imagekit.io/demo/kill/" + i + ".jpg")
            .toList();
    Path list = Files.write(dir.resolve("urls.txt"), urls);
    Path journal = dir.resolve("j.jsonl");
    // The account's limit, above the command's own rate; the simulator counts the purges it
    // accepted, so a purge sent again after a 429 is not counted twice.
    try (ImageKitSimulator simulator =
        ImageKitSimulator.builder().rateLimit(4 * RATE, Duration.ofSeconds(1)).start()) {
      for (int kill = 1; kill <= KILLS; kill++) {
        int target = simulator.journal(Endpoint.PURGE).size() + 10 + random.nextInt(40);
        Process child = start(simulator, list, journal, dir.resolve("run" + kill + ".out"));
        try {
          assertThat(simulator.awaitRequests(target, Duration.ofSeconds(60)))
              .as("run %d reached %d purges (seed %d)", kill, target, seed)
              .isTrue();
        } finally {
          child.destroyForcibly();
          child.waitFor(30, TimeUnit.SECONDS);
        }
      }
      int beforeLastRun = simulator.acceptedPurges();
      assertThat(beforeLastRun).as("the killed runs left URLs to purge").isLessThan(URLS);

      Path output = dir.resolve("last.out");
      Process last = start(simulator, list, journal, output);
      boolean ended = last.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        last.destroyForcibly();
      }
      assertThat(ended).as("the last run ended").isTrue();
      List<Map<String, Object>> lines =
          Files.readAllLines(output, StandardCharsets.UTF_8).stream()
              .filter(line -> line.startsWith("{"))
              .map(
                  line ->
                      BuiltInJsonCodec.create().readObject(line.getBytes(StandardCharsets.UTF_8)))
              .toList();
      Set<String> inDoubt =
          lines.stream()
              .filter(line -> "in_doubt".equals(line.get("outcome")))
              .map(line -> (String) line.get("url"))
              .collect(Collectors.toSet());
      Map<String, Object> summary = lines.get(lines.size() - 1);
      assertThat(summary)
          .as(Files.readString(output))
          .containsEntry("type", "summary")
          .containsEntry("total", new BigDecimal(URLS))
          .containsEntry("refused", BigDecimal.ZERO)
          .containsEntry("inDoubt", new BigDecimal(inDoubt.size()));
      assertThat(last.exitValue()).isEqualTo(inDoubt.isEmpty() ? 0 : ExitCodes.SOME_IN_DOUBT);

      Map<String, Integer> purges = simulator.purgedUrls();
      assertThat(purges.entrySet())
          .as("no URL purged twice (seed %d)", seed)
          .allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1));
      List<String> missing = new ArrayList<>();
      for (String url : urls) {
        if (!purges.containsKey(url) && !inDoubt.contains(url)) {
          missing.add(url);
        }
      }
      assertThat(missing).as("every URL not in doubt was purged (seed %d)", seed).isEmpty();
      assertThat(inDoubt)
          .as("at most the purges in flight at each kill are in doubt")
          .hasSizeLessThanOrEqualTo(KILLS * CONCURRENCY);
    }
  }

  /** Starts the command in a JVM of its own on this test's class path. */
  private static Process start(ImageKitSimulator simulator, Path list, Path journal, Path output)
      throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                IkPurge.class.getName(),
                "purge",
                "--from",
                list.toString(),
                "--journal",
                journal.toString(),
                "--rate",
                Integer.toString(RATE),
                "--concurrency",
                Integer.toString(CONCURRENCY),
                "--json")
            .redirectOutput(output.toFile())
            .redirectError(new File(output + ".err"));
    builder.environment().remove("IKPURGE_TRANSPORT");
    builder.environment().put("IMAGEKIT_PRIVATE_KEY", simulator.privateKey());
    builder.environment().put("IMAGEKIT_API_BASE_URL", simulator.baseUri().toString());
    return builder.start();
  }
}
