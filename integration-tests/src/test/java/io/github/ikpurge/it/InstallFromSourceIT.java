package io.github.ikpurge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The README's Install section, followed on this machine: its {@code mvn install} command, run on a
 * copy of the source tree as a fresh clone would be, then a new project whose {@code pom.xml} holds
 * the section's XML snippet as written, built against those installed artifacts alone (a local
 * repository with nothing else in it) and its test run on the simulator through the testkit's JUnit
 * 5 extension.
 *
 * <p>The install resolves the build's plugins and libraries from this build's local repository,
 * seen through links, so that they are not downloaded again; what it installs lands in a repository
 * of the test's own, never in the user's. The new project gets its third-party artifacts from the
 * registry Maven is configured with: without it this test fails, saying so. Needs no Docker.
 */
class InstallFromSourceIT {

  private static final Duration CHILD_LIMIT = Duration.ofMinutes(10);
  private static final List<String> GROUP_PATH = List.of("io", "github", "ikpurge");

  private final Path projectRoot =
      Path.of(setting("ikpurge.it.projectRoot")).toAbsolutePath().normalize();
  private final Path work = Path.of(setting("ikpurge.it.installWorkDir")).toAbsolutePath();

  @Test
  void theReadmesInstallCommandAndSnippetBuildAProjectWhoseTestRunsOnTheSimulator()
      throws Exception {
    long started = System.nanoTime();
    String readme = Files.readString(projectRoot.resolve("README.md"));
    String install = section(readme, "## Install");
    List<String> command = installCommand(install);
    String snippet = xmlSnippet(install);

    deleteRecursively(work);
    Path source = work.resolve("source");
    Path installed = work.resolve("repository-installed");
    Path consumerRepository = work.resolve("repository-consumer");
    Path consumer = work.resolve("consumer");
    Path logs = Files.createDirectories(work.resolve("logs"));

    copySourceTree(projectRoot, source);
    try {
      overlay(Path.of(setting("ikpurge.it.localRepository")), installed);
    } catch (UnsupportedOperationException | IOException e) {
      System.out.println(
          "no symbolic links here, so an empty local repository to install into: " + e);
      deleteRecursively(installed);
      Files.createDirectories(resolve(installed, GROUP_PATH));
    }

    // (a) the README's command, as a user runs it; -q and -B only keep the log short.
    List<String> first = new ArrayList<>(List.of(mvn(), "-B", "-q"));
    first.addAll(command.subList(1, command.size()));
    first.add("-Dmaven.repo.local=" + installed);
    long installStarted = System.nanoTime();
    Child installRun = run(first, source, logs.resolve("install.log"));
    assertThat(installRun.exitCode())
        .as("the README's install command, %s, failed:%n%s", command, installRun.output())
        .isZero();
    Duration installTook = Duration.ofNanos(System.nanoTime() - installStarted);

    Path group = resolve(installed, GROUP_PATH);
    Set<String> artifacts = Set.copyOf(list(group));
    assertThat(artifacts)
        .as("what the install command installed")
        .contains(
            "ikpurge-parent",
            "ikpurge-bom",
            "ikpurge-core",
            "ikpurge-transport-jdk",
            "ikpurge-testkit",
            "ikpurge-micrometer",
            "ikpurge-spring-boot-starter")
        .doesNotContain(
            "ikpurge-benchmarks", "ikpurge-examples", "ikpurge-cli", "ikpurge-integration-tests");

    // (b) a local repository with the installed artifacts and nothing else, and the new project.
    copyRecursively(group, resolve(consumerRepository, GROUP_PATH));
    writeConsumer(consumer, snippet);

    // (c) its build, as the user's: the rest comes from the configured registry.
    long consumerStarted = System.nanoTime();
    Child consumerRun =
        run(
            List.of(mvn(), "-B", "test", "-Dmaven.repo.local=" + consumerRepository),
            consumer,
            logs.resolve("consumer.log"));
    if (consumerRun.exitCode() != 0
        && consumerRun
            .output()
            .matches(
                "(?s).*(Could not transfer|Could not resolve|Non-resolvable|UnknownHost|Connection refused|timed out).*")) {
      throw new AssertionError(
          "the consumer project could not resolve its artifacts: its third-party ones (JUnit, AssertJ,"
              + " Maven's plugins) come from the registry Maven is configured with, which this test"
              + " needs; is it reachable? The ikpurge ones come from "
              + consumerRepository
              + ":\n"
              + consumerRun.output());
    }
    assertThat(consumerRun.exitCode())
        .as("the consumer's build:%n%s", consumerRun.output())
        .isZero();
    assertThat(consumerRun.output()).contains("BUILD SUCCESS");
    Duration consumerTook = Duration.ofNanos(System.nanoTime() - consumerStarted);

    Element report =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                consumer
                    .resolve("target/surefire-reports/TEST-consumer.PurgeOnTheSimulatorTest.xml")
                    .toFile())
            .getDocumentElement();
    assertThat(Integer.parseInt(report.getAttribute("tests"))).as("tests run").isPositive();
    assertThat(report.getAttribute("failures")).as("failures").isEqualTo("0");
    assertThat(report.getAttribute("errors")).as("errors").isEqualTo("0");
    assertThat(report.getAttribute("skipped")).as("skipped").isEqualTo("0");

    System.out.printf(
        "install %s, consumer build %s, in all %s%n",
        installTook, consumerTook, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The text of a {@code ## } section, up to the next one. */
  static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as("the README's %s section", heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length() + 1);
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** The one {@code mvn install} line of the section's shell blocks, split into words. */
  static List<String> installCommand(String install) {
    List<String> lines = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```sh\n(.*?)```").matcher(install);
    while (block.find()) {
      block.group(1).lines().filter(line -> line.startsWith("mvn install")).forEach(lines::add);
    }
    assertThat(lines).as("mvn install lines of the Install section").hasSize(1);
    String line = lines.get(0).trim();
    assertThat(line)
        .as("a command of plain words, with no quoting or continuation")
        .doesNotContain("'", "\"", "\\", "&&", "|");
    return List.of(line.split("\\s+"));
  }

  /**
   * The section's first XML block, from {@code <dependencyManagement>} to {@code </dependencies>}.
   */
  static String xmlSnippet(String install) {
    Matcher block = Pattern.compile("(?s)```xml\n(.*?)```").matcher(install);
    assertThat(block.find()).as("an XML block in the Install section").isTrue();
    String xml = block.group(1);
    assertThat(xml).contains("<dependencyManagement>", "</dependencyManagement>", "<dependencies>");
    return xml.substring(
        xml.indexOf("<dependencyManagement>"),
        xml.lastIndexOf("</dependencies>") + "</dependencies>".length());
  }

  private static void writeConsumer(Path consumer, String snippet) throws IOException {
    // The snippet as written; after it, what any project adds for its tests.
    String pom =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>consumer</artifactId>
          <version>1.0</version>

          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>

        %s

          <build>
            <plugins>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId>
                <version>%s</version>
              </plugin>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>%s</version>
              </plugin>
              <plugin>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>%s</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """
            .formatted(
                withTestDependencies(snippet),
                setting("ikpurge.it.resourcesPluginVersion"),
                setting("ikpurge.it.compilerPluginVersion"),
                setting("ikpurge.it.surefireVersion"));
    Files.createDirectories(consumer);
    Files.writeString(consumer.resolve("pom.xml"), pom);

    Path test = consumer.resolve("src/test/java/consumer/PurgeOnTheSimulatorTest.java");
    Files.createDirectories(test.getParent());
    Files.writeString(
        test,
        """
        package consumer;

        import static org.assertj.core.api.Assertions.assertThat;

        import io.github.ikpurge.PurgeClient;
        import io.github.ikpurge.testkit.Endpoint;
        import io.github.ikpurge.testkit.ImageKitSimulator;
        import io.github.ikpurge.testkit.junit.ImageKitSimulatorTest;
        import java.time.Duration;
        import org.junit.jupiter.api.Test;

        @ImageKitSimulatorTest
        class PurgeOnTheSimulatorTest {

          @Test
          void purgesAndAwaitsCompletion(PurgeClient client, ImageKitSimulator simulator) {
            assertThat(
                    client
                        .purgeAndAwait("https://ik.imagekit.io/demo/logo.png", Duration.ofSeconds(30))
                        .status()
                        .isCompleted())
                .isTrue();
            assertThat(simulator.journal(Endpoint.PURGE)).hasSize(1);
            assertThat(simulator.journal(Endpoint.STATUS)).isNotEmpty();
          }
        }
        """);
  }

  /** The snippet, with JUnit and AssertJ added at the end of its {@code <dependencies>}. */
  private static String withTestDependencies(String snippet) {
    String tests =
        """
          <dependency>
            <groupId>org.junit.jupiter</groupId>
            <artifactId>junit-jupiter</artifactId>
            <version>%s</version>
            <scope>test</scope>
          </dependency>
          <dependency>
            <groupId>org.assertj</groupId>
            <artifactId>assertj-core</artifactId>
            <version>%s</version>
            <scope>test</scope>
          </dependency>
        """
            .formatted(setting("ikpurge.it.junitVersion"), setting("ikpurge.it.assertjVersion"));
    int end = snippet.lastIndexOf("</dependencies>");
    return snippet.substring(0, end) + tests + snippet.substring(end);
  }

  /** The source tree without its build output and history, as a fresh clone has it. */
  private static void copySourceTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            String name = dir.getFileName().toString();
            if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (attributes.isRegularFile()) {
              Path target = to.resolve(from.relativize(file).toString());
              Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * A local repository that shows everything of {@code user}'s but the ikpurge group, through
   * symbolic links, with an empty directory of its own for that group.
   */
  private static void overlay(Path user, Path repository) throws IOException {
    Path at = Files.createDirectories(repository);
    Path from = user;
    for (String part : GROUP_PATH) {
      if (Files.isDirectory(from)) {
        for (String name : list(from)) {
          if (!name.equals(part)) {
            Files.createSymbolicLink(at.resolve(name), from.resolve(name).toAbsolutePath());
          }
        }
      }
      at = Files.createDirectories(at.resolve(part));
      from = from.resolve(part);
    }
  }

  record Child(int exitCode, String output) {}

  /** Runs a command, its output to {@code log}, stopping it and what it started after the limit. */
  private static Child run(List<String> command, Path directory, Path log) throws Exception {
    System.out.println("running " + String.join(" ", command) + " in " + directory);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Set by the launcher of the Maven running this build, about this build.
    builder.environment().remove("MAVEN_PROJECTBASEDIR");
    builder.environment().remove("MAVEN_CMD_LINE_ARGS");
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(CHILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command)
              + " did not end within "
              + CHILD_LIMIT
              + ":\n"
              + Files.readString(log));
    }
    return new Child(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Maven's launcher: that of the Maven running this build, else the first on the PATH. */
  private static String mvn() {
    boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
    String name = windows ? "mvn.cmd" : "mvn";
    String home = System.getProperty("maven.home", "");
    if (!home.isBlank() && Files.isRegularFile(Path.of(home, "bin", name))) {
      return Path.of(home, "bin", name).toString();
    }
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new AssertionError("no " + name + " in maven.home (" + home + ") or on the PATH"));
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s, set by the integration-tests POM", name).isNotBlank();
    return value;
  }

  private static Path resolve(Path root, List<String> parts) {
    Path path = root;
    for (String part : parts) {
      path = path.resolve(part);
    }
    return path;
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * Deletes a tree without following its links: a link to the user's repository is removed, not
   * what it points to.
   */
  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              file -> {
                try {
                  Files.delete(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
