package io.github.ikpurge.benchmarks;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Footprint: the size of core's jar and of each transport's run-time dependency closure, read from
 * the class paths Maven resolved for each transport module ({@code cp-<transport>.txt}, one {@code
 * dependency:build-classpath} each) plus the module's own jar.
 *
 * <p>Arguments: the folder holding the class-path files, then {@code name=jar} pairs for each
 * transport's own jar.
 */
public final class Footprint {

  private Footprint() {}

  /**
   * Prints one line per transport.
   *
   * @param args the folder, then {@code transport=path/to/its.jar} pairs
   * @throws Exception if a file cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      String[] pair = args[i].split("=", 2);
      String transport = pair[0];
      Path ownJar = Path.of(pair[1]);
      String classPath =
          Files.readString(folder.resolve("cp-" + transport + ".txt"), StandardCharsets.UTF_8)
              .strip();
      List<Path> jars = new ArrayList<>();
      jars.add(ownJar);
      for (String entry : classPath.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          jars.add(Path.of(entry));
        }
      }
      long total = 0;
      StringBuilder parts = new StringBuilder();
      for (Path jar : jars) {
        long size = Files.size(jar);
        total += size;
        parts.append(String.format(Locale.ROOT, " %s=%d KiB", jar.getFileName(), kib(size)));
      }
      System.out.printf(
          Locale.ROOT,
          "footprint %s: %d jars, %d KiB in all:%s%n",
          transport,
          jars.size(),
          kib(total),
          parts);
    }
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
