package io.github.ikpurge.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged tool in a fresh JVM, with no key, so that it demonstrates on the simulator. */
final class PackagedDemo {

  /** What a run printed and how it ended. */
  record Result(int exitCode, String output) {}

  private PackagedDemo() {}

  static Path target() {
    return Path.of("target").toAbsolutePath();
  }

  static Result run(List<String> javaArguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("IMAGEKIT_PRIVATE_KEY");
    builder.environment().remove("IKPURGE_TRANSPORT");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 120 s: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
