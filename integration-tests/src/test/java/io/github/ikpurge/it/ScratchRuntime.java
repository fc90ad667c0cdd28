package io.github.ikpurge.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Lays out the root file system of a {@code FROM scratch} image that runs the simulator: a Java
 * runtime made by {@code jlink} with only the modules the simulator needs, and the shared libraries
 * {@code ldd} lists for it, at the paths the loader looks for them. Works on Linux hosts only, as
 * the runtime is the host's.
 *
 * <p>The {@code jlink} used is the running JDK's own, through {@link ToolProvider}, when it can
 * link (it has {@code jmods}, or links from its run-time image); otherwise that of {@code
 * $JAVA_HOME} or {@code /usr/lib/jvm/java-17-openjdk-amd64}, if it has {@code jmods}.
 */
final class ScratchRuntime {

  /** Where the runtime sits inside the image. */
  static final String JAVA_HOME_IN_IMAGE = "/opt/jre";

  /** The modules the simulator needs, whatever {@code jdeps} finds besides. */
  static final List<String> BASE_MODULES = List.of("java.base", "jdk.httpserver", "java.logging");

  private static final List<Path> FALLBACK_JDKS =
      List.of(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"));

  private final Path rootfs;
  private final String linkedBy;
  private final Set<String> modules;
  private final Set<Path> libraries;

  private ScratchRuntime(Path rootfs, String linkedBy, Set<String> modules, Set<Path> libraries) {
    this.rootfs = rootfs;
    this.linkedBy = linkedBy;
    this.modules = modules;
    this.libraries = libraries;
  }

  /**
   * Builds the root file system in {@code rootfs}, replacing what is there.
   *
   * @param rootfs the folder to fill
   * @param simulatorJar the testkit's runnable jar, for {@code jdeps}
   * @return what was built
   * @throws IllegalStateException if no JDK here can link a runtime, or the host has no {@code ldd}
   */
  static ScratchRuntime build(Path rootfs, Path simulatorJar) {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      throw new IllegalStateException(
          "the scratch image needs a Linux host (its runtime is the host's); set "
              + ItSettings.BASE_IMAGE
              + " to a JRE image instead");
    }
    rootfs = rootfs.toAbsolutePath().normalize();
    try {
      deleteRecursively(rootfs);
      Files.createDirectories(rootfs);
      Set<String> modules = modules(simulatorJar);
      Path javaHome = rootfs.resolve(JAVA_HOME_IN_IMAGE.substring(1));
      Files.createDirectories(javaHome.getParent());
      String linkedBy = link(modules, javaHome);
      replaceSymbolicLinks(javaHome);
      Set<Path> libraries = copySharedLibraries(javaHome, rootfs);
      return new ScratchRuntime(rootfs, linkedBy, modules, libraries);
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator's runtime could not be laid out", e);
    }
  }

  /** Returns the root file system. */
  Path rootfs() {
    return rootfs;
  }

  /** Returns the runtime's {@code java} launcher on the host. */
  Path java() {
    return rootfs.resolve(JAVA_HOME_IN_IMAGE.substring(1)).resolve("bin/java");
  }

  /** Returns which JDK linked the runtime, and how. */
  String linkedBy() {
    return linkedBy;
  }

  /** Returns the modules in the runtime. */
  Set<String> modules() {
    return modules;
  }

  /** Returns the host's shared libraries copied in, by their path in the image. */
  Set<Path> libraries() {
    return libraries;
  }

  /** Returns the size of the root file system in bytes. */
  long sizeBytes() throws IOException {
    try (Stream<Path> files = Files.walk(rootfs)) {
      return files.filter(Files::isRegularFile).mapToLong(ScratchRuntime::size).sum();
    }
  }

  private static Set<String> modules(Path simulatorJar) {
    Set<String> modules = new TreeSet<>(BASE_MODULES);
    // jdeps sees only what the code names; the EC provider serves TLS key exchange (JDK 21 and
    // older) and is found through a service, so it is named here when the JDK has it.
    if (ModuleFinder.ofSystem().find("jdk.crypto.ec").isPresent()) {
      modules.add("jdk.crypto.ec");
    }
    Optional<ToolProvider> jdeps = ToolProvider.findFirst("jdeps");
    if (jdeps.isPresent() && Files.isRegularFile(simulatorJar)) {
      StringWriter out = new StringWriter();
      int code =
          jdeps
              .get()
              .run(
                  new PrintWriter(out),
                  new PrintWriter(new StringWriter()),
                  "--print-module-deps",
                  "--ignore-missing-deps",
                  simulatorJar.toString());
      if (code == 0) {
        for (String module : out.toString().strip().split(",")) {
          if (!module.isBlank()) {
            modules.add(module.strip());
          }
        }
      }
    }
    return modules;
  }

  /** Runs jlink from the first JDK that can; returns which one did. */
  private static String link(Set<String> modules, Path output) throws IOException {
    List<String> options =
        List.of(
            "--add-modules",
            String.join(",", modules),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--output",
            output.toString());
    List<String> failures = new ArrayList<>();
    Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
    String runningHome = System.getProperty("java.home");
    if (jlink.isPresent()) {
      StringWriter err = new StringWriter();
      PrintWriter errors = new PrintWriter(err);
      int code = jlink.get().run(errors, errors, options.toArray(String[]::new));
      if (code == 0) {
        return "the running JDK (" + runningHome + "), in process";
      }
      failures.add(runningHome + ": " + err.toString().strip());
      deleteRecursively(output);
    } else {
      failures.add(runningHome + ": has no jlink");
    }
    Set<Path> candidates = new LinkedHashSet<>();
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      candidates.add(Path.of(javaHome));
    }
    candidates.addAll(FALLBACK_JDKS);
    for (Path jdk : candidates) {
      Path tool = jdk.resolve("bin/jlink");
      if (!Files.isExecutable(tool) || !Files.isDirectory(jdk.resolve("jmods"))) {
        failures.add(jdk + ": no bin/jlink with jmods");
        continue;
      }
      List<String> command = new ArrayList<>();
      command.add(tool.toString());
      command.addAll(options);
      Result result = run(command);
      if (result.code == 0) {
        return jdk + ", as a process";
      }
      failures.add(jdk + ": " + result.output.strip());
      deleteRecursively(output);
    }
    throw new IllegalStateException(
        "no JDK here could jlink the simulator's runtime; set "
            + ItSettings.BASE_IMAGE
            + " to a JRE image instead. Tried: "
            + String.join("; ", failures));
  }

  /** Replaces links (such as the legal notices some JDKs link) by copies of what they name. */
  private static void replaceSymbolicLinks(Path dir) throws IOException {
    List<Path> links;
    try (Stream<Path> files = Files.walk(dir)) {
      links = files.filter(Files::isSymbolicLink).toList();
    }
    for (Path link : links) {
      Path target = link.toRealPath();
      Files.delete(link);
      if (Files.isRegularFile(target)) {
        Files.copy(target, link);
      }
    }
  }

  /** Copies in what ldd lists for the launchers and native libraries, outside the runtime. */
  private static Set<Path> copySharedLibraries(Path javaHome, Path rootfs) throws IOException {
    List<Path> binaries;
    try (Stream<Path> files = Files.walk(javaHome)) {
      binaries =
          files
              .filter(Files::isRegularFile)
              .filter(
                  file ->
                      file.getParent().getFileName().toString().equals("bin")
                          || file.getFileName().toString().endsWith(".so"))
              .toList();
    }
    List<String> command = new ArrayList<>();
    command.add("ldd");
    binaries.forEach(binary -> command.add(binary.toString()));
    Result ldd;
    try {
      ldd = run(command);
    } catch (IOException e) {
      throw new IllegalStateException(
          "ldd is needed to find the runtime's shared libraries; set "
              + ItSettings.BASE_IMAGE
              + " to a JRE image instead",
          e);
    }
    Set<Path> libraries = new TreeSet<>(Comparator.comparing(Path::toString));
    String runtime = javaHome.toAbsolutePath().normalize().toString();
    Set<String> inRuntime = new TreeSet<>();
    binaries.forEach(binary -> inRuntime.add(binary.getFileName().toString()));
    for (String line : ldd.output.split("\n")) {
      if (line.contains("=> not found")) {
        // libjvm.so and its kin sit in the runtime and are loaded by the JVM before they are
        // needed.
        String missing = line.substring(0, line.indexOf("=>")).strip();
        if (!inRuntime.contains(missing)) {
          throw new IllegalStateException("ldd finds no " + missing + " for the runtime");
        }
        continue;
      }
      Path library = libraryOf(line.strip());
      if (library != null && !library.normalize().toString().startsWith(runtime)) {
        libraries.add(library);
      }
    }
    if (libraries.isEmpty()) {
      throw new IllegalStateException("ldd listed no shared library: " + ldd.output);
    }
    for (Path library : libraries) {
      Path copy = rootfs.resolve(library.toString().substring(1));
      Files.createDirectories(copy.getParent());
      // Copies what a link names, under the name the loader asks for.
      Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return libraries;
  }

  /**
   * Returns the library an ldd line names, or null: {@code libz.so.1 => /lib/.../libz.so.1 (0x..)}
   * or {@code /lib64/ld-linux-x86-64.so.2 (0x..)}.
   */
  static Path libraryOf(String line) {
    if (line.endsWith(":")) {
      return null;
    }
    int arrow = line.indexOf("=>");
    String candidate = arrow >= 0 ? line.substring(arrow + 2).strip() : line;
    int space = candidate.indexOf(' ');
    if (space >= 0) {
      candidate = candidate.substring(0, space);
    }
    return candidate.startsWith("/") ? Path.of(candidate) : null;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> files = Files.walk(dir)) {
      paths = files.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }

  /** Runs a command to its end, within two minutes, and returns its exit code and output. */
  static Result run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(output);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not end within two minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command.get(0) + " was interrupted", e);
    }
    return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
  }

  /** A finished command: its exit code and what it printed. */
  record Result(int code, String output) {}
}
