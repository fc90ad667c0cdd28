package io.github.ikpurge.benchmarks;

import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up: a fresh JVM from {@code main} to the first status result, through the SDK on core and
 * the JDK transport alone, against the same call written by hand on the JDK's HttpClient. Runs each
 * several times, alternating, against one simulator, and prints the medians and their ratio.
 *
 * <p>Arguments: the number of runs of each (default 10), the benchmarks' {@code target} folder
 * (default {@code benchmarks/target}).
 */
public final class StartupBenchmark {

  private StartupBenchmark() {}

  /**
   * Runs the comparison.
   *
   * @param args runs, target folder
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path target = Path.of(args.length > 1 ? args[1] : "benchmarks/target");
    String classes = target.resolve("classes").toString();
    String sdkClassPath;
    try (Stream<Path> jars = Files.list(target.resolve("startup-lib"))) {
      sdkClassPath =
          jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator))
              + File.pathSeparator
              + classes;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Long> sdk = new ArrayList<>();
    List<Long> handWritten = new ArrayList<>();
    try (ImageKitSimulator simulator =
        ImageKitSimulator.builder()
            .completeAfterPolls(Integer.MAX_VALUE)
            .journalCapacity(0)
            .start()) {
      String id = simulator.registerPurge("https://ik.imagekit.io/demo/sample.jpg");
      List<String> callArgs = List.of(simulator.baseUri().toString(), simulator.privateKey(), id);
      for (int i = 0; i < runs + 1; i++) {
        long sdkMillis = time(java, sdkClassPath, StartupSdkMain.class.getName(), callArgs);
        long handMillis = time(java, classes, StartupHandWrittenMain.class.getName(), callArgs);
        if (i > 0) {
          // The first pair warms the disk cache; it is not counted.
          sdk.add(sdkMillis);
          handWritten.add(handMillis);
        }
      }
    }
    long sdkMedian = median(sdk);
    long handMedian = median(handWritten);
    System.out.printf(
        Locale.ROOT,
        "start-up to the first status, %d runs each: SDK (core + JDK transport) median %d ms %s,"
            + " hand-written JDK HttpClient median %d ms %s, ratio SDK/hand-written %.2f%n",
        runs,
        sdkMedian,
        sdk,
        handMedian,
        handWritten,
        (double) sdkMedian / handMedian);
  }

  private static long time(String java, String classPath, String main, List<String> args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, main));
    command.addAll(args);
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (code != 0 || !output.strip().equals("Pending")) {
      throw new IllegalStateException(main + " failed (" + code + "): " + output);
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
