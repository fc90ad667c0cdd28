package io.github.ikpurge.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a JVM of its own, on this JVM's Java, and collects what it printed. */
public final class ForkedJvm {

  /**
   * What a forked JVM did.
   *
   * @param exitCode its exit status
   * @param output what it wrote to standard output and error, interleaved
   */
  public record Result(int exitCode, String output) {}

  private ForkedJvm() {}

  /**
   * Runs a main class and waits for it to end.
   *
   * @param limit the longest wait; the JVM is killed after it
   * @param classPath the class path
   * @param jvmOptions options before the main class, such as {@code -Xmx32m}
   * @param mainClass the class to run
   * @param args its arguments
   * @return its exit status and output
   * @throws IOException if the JVM cannot be started
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if it did not end within the limit
   */
  public static Result run(
      Duration limit, String classPath, List<String> jvmOptions, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
              } catch (IOException e) {
                // The process was killed; what it wrote so far is kept.
              }
            },
            "forked-jvm-output");
    reader.setDaemon(true);
    reader.start();
    boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    reader.join();
    String text = output.toString(StandardCharsets.UTF_8);
    if (!ended) {
      throw new AssertionError(mainClass + " did not end within " + limit + ":\n" + text);
    }
    return new Result(process.exitValue(), text);
  }

  /**
   * Runs a main class on this JVM's class path; see {@link #run(Duration, String, List, String,
   * String...)}.
   *
   * @param limit the longest wait
   * @param jvmOptions options before the main class
   * @param mainClass the class to run
   * @param args its arguments
   * @return its exit status and output
   * @throws IOException if the JVM cannot be started
   * @throws InterruptedException if interrupted while waiting
   */
  public static Result run(
      Duration limit, List<String> jvmOptions, Class<?> mainClass, String... args)
      throws IOException, InterruptedException {
    return run(limit, System.getProperty("java.class.path"), jvmOptions, mainClass.getName(), args);
  }
}
