package io.github.ikpurge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ikpurge.json.JsonCodecFuzzTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bounded, coverage-guided fuzzing run with Jazzer (libFuzzer for the JVM) of the built-in JSON
 * codec and of the rate-limit headers. Each target runs in a JVM of its own, on this test's class
 * path, for half of {@value #SECONDS_PROPERTY} seconds ({@value #DEFAULT_SECONDS} unless set; 0
 * skips the run). A finding fails the test and prints the input, to become a regression test in
 * {@link FuzzFindingsTest}. The corpus, the log and any finding stay in {@code target/fuzz}.
 */
class FuzzingRunTest {

  /** The system property that sets the length of the whole run, in seconds. */
  static final String SECONDS_PROPERTY = "ikpurge.fuzz.seconds";

  static final int DEFAULT_SECONDS = 60;

  /**
   * The system property that sets libFuzzer's seed; a fixed default keeps CI reproducible, and 0
   * picks a random one for exploring.
   */
  static final String SEED_PROPERTY = "ikpurge.fuzz.seed";

  static final long DEFAULT_SEED = 20261127L;

  private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");

  @Test
  void theBuiltInCodecEndsEveryInputInAValueOrAJsonCodecException() throws Exception {
    fuzz(JsonCodecFuzzTarget.class, "json");
  }

  @Test
  void theRateLimitHeadersEndEveryValueInAValueOrAbsentAndNeverThrow() throws Exception {
    fuzz(RateLimitsFuzzTarget.class, "headers");
  }

  private static void fuzz(Class<?> target, String name) throws Exception {
    long seconds = Math.max(1, Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) / 2);
    assumeTrue(
        Long.getLong(SECONDS_PROPERTY, DEFAULT_SECONDS) > 0, SECONDS_PROPERTY + " is 0: skipped");
    Path work = Paths.get("target", "fuzz", name).toAbsolutePath();
    Path corpus = Files.createDirectories(work.resolve("corpus"));
    Path findings = Files.createDirectories(work.resolve("findings"));
    try (Stream<Path> old = Files.list(findings)) {
      for (Path file : (Iterable<Path>) old::iterator) {
        Files.delete(file);
      }
    }
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(testClassPath());
    command.add("com.code_intelligence.jazzer.Jazzer");
    command.add("--target_class=" + target.getName());
    command.add("--instrumentation_includes=io.github.ikpurge.**");
    command.add("--reproducer_path=" + findings);
    command.add("-max_total_time=" + seconds);
    command.add("-seed=" + Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
    command.add("-max_len=4096");
    command.add("-print_final_stats=1");
    command.add("-artifact_prefix=" + findings + "/");
    Path dictionary = copySeeds(name, corpus, work);
    if (dictionary != null) {
      command.add("-dict=" + dictionary);
    }
    command.add(corpus.toString());
    Path log = work.resolve("fuzz.log");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = process.waitFor(seconds + 120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Matcher done = DONE.matcher(output);
    String summary =
        done.find()
            ? "Fuzzed "
                + target.getSimpleName()
                + " with Jazzer for "
                + done.group(2)
                + " s: "
                + done.group(1)
                + " executions"
            : "Fuzzed " + target.getSimpleName() + ": no final count";
    System.out.println(summary + "; log in " + log);
    assertThat(ended).as("the fuzzer ended within its time and a margin").isTrue();
    assertThat(process.exitValue())
        .as(
            "Jazzer found an input that fails %s:%n%s%n%s",
            target, describe(findings), tail(output))
        .isZero();
    assertThat(done.find(0)).as("Jazzer printed its final count:%n%s", tail(output)).isTrue();
  }

  /** Copies the seed inputs into the corpus and returns the dictionary, if the target has one. */
  private static Path copySeeds(String name, Path corpus, Path work) throws IOException {
    String list = resource("/fuzz/" + name + "/seeds.txt");
    if (list != null) {
      for (String seed : list.split("\n")) {
        if (!seed.isBlank()) {
          String text = resource("/fuzz/" + name + "/" + seed.strip());
          Files.writeString(corpus.resolve("seed-" + seed.strip()), text, StandardCharsets.UTF_8);
        }
      }
    }
    String dictionary = resource("/fuzz/" + name + "/fuzz.dict");
    if (dictionary == null) {
      return null;
    }
    return Files.writeString(work.resolve("fuzz.dict"), dictionary, StandardCharsets.UTF_8);
  }

  private static String resource(String path) {
    try (InputStream in = FuzzingRunTest.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** Prints each finding as a Java literal, ready to inline in a regression test. */
  private static String describe(Path findings) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(findings)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        out.append(file.getFileName()).append(": ");
        if (file.getFileName().toString().endsWith(".java")) {
          out.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
          continue;
        }
        out.append("new byte[] {");
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
          out.append(i == 0 ? "" : ", ").append(bytes[i]);
        }
        out.append("}\n");
      }
    }
    return out.toString();
  }

  private static String tail(String output) {
    return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
  }
}
