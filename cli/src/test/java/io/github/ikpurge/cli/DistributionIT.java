package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution {@code target/ikpurge-<version>.tar.gz}, unpacked as a user would, and its
 * launcher {@code bin/ikpurge} run through {@code sh}: the version and help, the arguments and
 * options it passes on, the Java it refuses, and the class-data archive it makes in the cache
 * directory and uses silently, even when that archive is damaged.
 */
class DistributionIT {

  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

  @TempDir static Path unpacked;

  private static String version;
  private static Path home;
  private static ImageKitSimulator simulator;

  @TempDir Path cache;

  /** What a run of the launcher printed and how it ended. */
  record Run(int exitCode, String out, String err) {
    String describe() {
      return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  @BeforeAll
  static void unpackTheDistribution() throws Exception {
    Path archive;
    try (Stream<Path> files = Files.list(PackagedDemo.target())) {
      List<Path> archives =
          files
              .filter(file -> file.getFileName().toString().matches("ikpurge-.+\\.tar\\.gz"))
              .toList();
      assertThat(archives).as("the distribution in target/").hasSize(1);
      archive = archives.get(0);
    }
    String name = archive.getFileName().toString();
    version = name.substring("ikpurge-".length(), name.length() - ".tar.gz".length());
    Run untar =
        run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of());
    assertThat(untar.exitCode()).as(untar.describe()).isZero();
    home = unpacked.resolve("ikpurge-" + version);
    simulator = ImageKitSimulator.builder().completeAfterPolls(0).start();
  }

  @AfterAll
  static void stopTheSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void theArchiveHoldsTheLauncherAsAnExecutableAndTheJarsInLib() throws IOException {
    assertThat(home.resolve("bin/ikpurge")).isExecutable();
    assertThat(home.resolve("lib/ikpurge-cli-" + version + ".jar")).isRegularFile();
    assertThat(home.resolve("lib").resolve("picocli-4.7.7.jar")).isRegularFile();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(jar -> jar.getFileName().toString()))
          .contains("ikpurge-core-" + version + ".jar", "ikpurge-transport-jdk-" + version + ".jar")
          .allMatch(jar -> jar.endsWith(".jar"));
    }
    assertThat(home.resolve("README.md")).isRegularFile();
  }

  @Test
  void printsTheVersion() throws Exception {
    Run version = launcher(List.of("--version"), Map.of("IKPURGE_CDS", "off"));

    assertThat(version.exitCode()).as(version.describe()).isZero();
    assertThat(version.out()).isEqualTo("ikpurge " + DistributionIT.version + "\n");
    assertThat(version.err()).isEmpty();
  }

  @Test
  void printsTheHelp() throws Exception {
    Run help = launcher(List.of("--help"), Map.of());

    assertThat(help.exitCode()).as(help.describe()).isZero();
    assertThat(help.out())
        .startsWith("Usage: ikpurge")
        .contains("status", "purge", "demo", "IMAGEKIT_PRIVATE_KEY");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void runsThroughASymbolicLinkInAnotherDirectory(@TempDir Path bin) throws Exception {
    Path link = Files.createSymbolicLink(bin.resolve("ikpurge"), home.resolve("bin/ikpurge"));
    Path linkToLink = Files.createSymbolicLink(bin.resolve("ik"), Path.of("ikpurge"));

    Run version = run(List.of(linkToLink.toString(), "--version"), environment(Map.of()));

    assertThat(link).isSymbolicLink();
    assertThat(version.exitCode()).as(version.describe()).isZero();
    assertThat(version.out()).isEqualTo("ikpurge " + DistributionIT.version + "\n");
  }

  @Test
  void passesEveryArgumentAsItIsAndTheJvmOptionsToTheJvm() throws Exception {
    Run run =
        launcher(
            List.of("status", "an id with spaces"),
            Map.of(
                "JAVA_OPTS", "-Dikpurge.example=1",
                "IKPURGE_OPTS", "-XshowSettings:properties",
                "IKPURGE_CDS", "off"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.err())
        .contains("ikpurge.example = 1")
        .contains("lib/ikpurge-cli-" + version + ".jar")
        .as("one argument, refused for its spaces")
        .contains("requestId must not contain whitespace")
        .doesNotContain("Unmatched arguments");
  }

  @Test
  void refusesAJavaOlderThan17WithAClearMessage(@TempDir Path oldJava) throws Exception {
    Files.createDirectories(oldJava.resolve("bin"));
    Path java = oldJava.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho should not run\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Files.writeString(oldJava.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");

    Run run = launcher(List.of("--version"), Map.of("JAVA_HOME", oldJava.toString()));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("needs Java 17 or newer").contains("Java 11.0.22");
  }

  @Test
  void aFirstStatusRunMakesTheArchiveAndTheNextRunUsesItWithoutAWord() throws Exception {
    String requestId = purgeOnce();
    Path archive = awaitTheArchive();

    Run second = launcher(List.of("status", requestId), Map.of("IKPURGE_CDS", "on"));
    Run required = launcher(List.of("status", requestId), requireTheArchive());

    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.out()).isEqualTo(requestId + " Completed\n");
    assertThat(second.err()).isEmpty();
    assertThat(archive.getFileName().toString()).startsWith(version + "-");
    assertThat(required.exitCode()).as("the JVM maps the archive: " + required.describe()).isZero();
  }

  @Test
  void aTruncatedArchiveIsReplacedAndNeverBreaksTheCommand() throws Exception {
    String requestId = purgeOnce();
    Path archive = awaitTheArchive();
    long size = Files.size(archive);
    byte[] head = new byte[4096];
    System.arraycopy(Files.readAllBytes(archive), 0, head, 0, head.length);
    Files.delete(archive);
    Files.write(archive, head);

    Run damaged = launcher(List.of("status", requestId), Map.of());

    assertThat(damaged.exitCode()).as(damaged.describe()).isZero();
    assertThat(damaged.out()).isEqualTo(requestId + " Completed\n");
    assertThat(damaged.err()).isEmpty();
    Await.until(
        "a whole archive again", Duration.ofSeconds(120), () -> sizeOf(archive) > head.length);
    Run repaired = launcher(List.of("status", requestId), requireTheArchive());
    assertThat(sizeOf(archive)).isGreaterThan(size / 2);
    assertThat(repaired.exitCode()).as(repaired.describe()).isZero();
  }

  @Test
  void anArchiveTheJvmRefusedIsReplacedWithoutAWord() throws Exception {
    String requestId = purgeOnce();
    Path archive = awaitTheArchive();
    Path log = archive.resolveSibling(archive.getFileName() + ".log");
    Object before = fileKey(archive);
    // What the JVM writes there when it cannot use the archive it was given.
    Files.writeString(log, "[warning][cds,dynamic] Unable to use shared archive.\n");

    Run refused = launcher(List.of("status", requestId), Map.of());

    assertThat(refused.exitCode()).as(refused.describe()).isZero();
    assertThat(refused.out()).isEqualTo(requestId + " Completed\n");
    assertThat(refused.err()).isEmpty();
    Await.until(
        "a new archive",
        Duration.ofSeconds(120),
        () -> Files.notExists(log) && !before.equals(fileKey(archive)));
    Run repaired = launcher(List.of("status", requestId), requireTheArchive());
    assertThat(repaired.exitCode()).as(repaired.describe()).isZero();
    assertThat(log).as("what the JVM said of the new archive: nothing").isEmptyFile();
  }

  @Test
  void withIkpurgeCdsOffNoArchiveIsMade() throws Exception {
    Run purge =
        launcher(
            List.of("purge", "https://ik.imagekit.io/demo/off.jpg"), Map.of("IKPURGE_CDS", "off"));

    assertThat(purge.exitCode()).as(purge.describe()).isZero();
    assertThat(purge.err()).isEmpty();
    assertThat(cache.resolve("ikpurge")).doesNotExist();
  }

  /** Purges a URL through the launcher, which makes the archive, and returns the request id. */
  private String purgeOnce() throws Exception {
    Run first =
        launcher(
            List.of("purge", "https://ik.imagekit.io/demo/logo.png"), Map.of("IKPURGE_CDS", "on"));
    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out()).as("the request id alone").matches("[0-9a-f]{24}\n");
    return first.out().strip();
  }

  /**
   * The archive in the cache directory: written when the first run ends, or with an AOT cache (Java
   * 25 and newer) a little later, by a JVM in the background.
   */
  private Path awaitTheArchive() throws InterruptedException {
    Path[] found = new Path[1];
    Await.until(
        "an archive in " + cache.resolve("ikpurge"),
        Duration.ofSeconds(120),
        () ->
            (found[0] = archiveIn(cache.resolve("ikpurge"))) != null
                && Files.exists(cache.resolve("ikpurge").resolve(found[0].getFileName() + ".id"))
                && !hasTemporaryFiles(cache.resolve("ikpurge")));
    return found[0];
  }

  private static Path archiveIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      return null;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{jsa,aot}")) {
      for (Path file : files) {
        return file;
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean hasTemporaryFiles(Path directory) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tmp*")) {
      return files.iterator().hasNext();
    } catch (IOException e) {
      return true;
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * {@return what tells one file from another, such as its inode: a renamed-in file has a new one}
   */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return "missing";
    }
  }

  /** Options that make the JVM fail rather than run without the archive. */
  private static Map<String, String> requireTheArchive() {
    return Map.of(
        "IKPURGE_OPTS", Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
  }

  private Run launcher(List<String> arguments, Map<String, String> extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add(home.resolve("bin/ikpurge").toString());
    command.addAll(arguments);
    return run(command, environment(extra));
  }

  /**
   * The environment of a user with this JVM as {@code JAVA_HOME}, the simulator's address and key,
   * and the cache directory of this test.
   */
  private Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("XDG_CACHE_HOME", cache.toString());
    environment.put("IMAGEKIT_PRIVATE_KEY", simulator.privateKey());
    environment.put("IMAGEKIT_API_BASE_URL", simulator.baseUri().toString());
    environment.putAll(extra);
    return environment;
  }

  private static Run run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    for (String variable :
        List.of(
            "JAVA_OPTS",
            "IKPURGE_OPTS",
            "IKPURGE_CDS",
            "IKPURGE_TRANSPORT",
            "IMAGEKIT_PRIVATE_KEY",
            "IMAGEKIT_API_BASE_URL",
            "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS")) {
      env.remove(variable);
    }
    env.putAll(environment);
    // A JVM that crashes writes its report in its working directory: not in the build's.
    builder.directory(unpacked.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within " + RUN_LIMIT.toSeconds() + " s");
    }
    return new Run(
        process.exitValue(),
        new String(out.get(), StandardCharsets.UTF_8),
        new String(err.get(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
