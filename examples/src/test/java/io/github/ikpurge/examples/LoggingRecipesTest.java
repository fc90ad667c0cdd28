package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.conformance.ForkedJvm;
import io.github.ikpurge.testkit.ImageKitSimulator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The logging recipes of {@code docs/logging.md}, taken from the page as they are written, each in
 * a fresh JVM: the SDK's debug lines appear, and no line holds the key.
 */
class LoggingRecipesTest {

  private static final Path PAGE = Path.of("..", "docs", "logging.md");
  private static final Path BACKENDS = Path.of("target", "logging-recipes");
  private static final String NO_PROVIDER = "No SLF4J providers were found";

  private static ImageKitSimulator simulator;

  @TempDir Path dir;

  @BeforeAll
  static void startSimulator() {
    simulator = ImageKitSimulator.builder().privateKey("private_logging_recipe_key").start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  /** Returns the code block the page gives under {@code <!-- recipe: name -->}. */
  private static String recipe(String name) throws IOException {
    String page = Files.readString(PAGE);
    Matcher block =
        Pattern.compile(
                "<!-- recipe: " + Pattern.quote(name) + " -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL)
            .matcher(page);
    assertThat(block.find()).as("docs/logging.md has the recipe " + name).isTrue();
    return block.group(1);
  }

  /** This JVM's class path without its SLF4J backend, slf4j-jdk14. */
  private static List<String> classPathWithoutBackend() {
    List<String> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-jdk14"))
            .collect(Collectors.toCollection(ArrayList::new));
    assertThat(entries)
        .hasSizeLessThan(System.getProperty("java.class.path").split(File.pathSeparator).length);
    return entries;
  }

  private static String run(List<String> classPath, List<String> options, String transport)
      throws Exception {
    ForkedJvm.Result run =
        ForkedJvm.run(
            Duration.ofMinutes(2),
            String.join(File.pathSeparator, classPath),
            options,
            LoggingRecipeMain.class.getName(),
            simulator.baseUri().toString(),
            simulator.privateKey(),
            transport);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("status Pending").doesNotContain(simulator.privateKey());
    return run.output();
  }

  @ParameterizedTest(name = "transport {0}")
  @ValueSource(strings = {"jdk", "apache"})
  void theLogbackRecipeShowsTheDebugLinesOfEveryLogger(String transport) throws Exception {
    Files.writeString(dir.resolve("logback.xml"), recipe("logback.xml"));
    List<String> classPath = classPathWithoutBackend();
    classPath.add(dir.toString());
    try (Stream<Path> jars = Files.list(BACKENDS)) {
      jars.map(Path::toString).forEach(classPath::add);
    }

    String output = run(classPath, List.of(), transport);

    assertThat(output)
        .doesNotContain(NO_PROVIDER)
        .containsPattern(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG io\\.github\\.ikpurge - POST /v1/files/purge -> 201"
                + " attempt 1/3 in \\d+ ms x-ik-requestId=\\S+ transport="
                + transport)
        .containsPattern("DEBUG io\\.github\\.ikpurge - GET /v1/files/purge/[0-9a-f]+ -> 200");
  }

  @ParameterizedTest(name = "transport {0}")
  @ValueSource(strings = {"jdk", "apache"})
  void theJavaUtilLoggingRecipeShowsTheDebugLines(String transport) throws Exception {
    Path properties =
        Files.writeString(dir.resolve("logging.properties"), recipe("logging.properties"));
    List<String> classPath =
        List.of(System.getProperty("java.class.path").split(File.pathSeparator));

    String output =
        run(classPath, List.of("-Djava.util.logging.config.file=" + properties), transport);

    assertThat(output)
        .doesNotContain(NO_PROVIDER)
        .containsPattern(
            "\\d\\d:\\d\\d:\\d\\d FINE io\\.github\\.ikpurge - POST /v1/files/purge -> 201 attempt"
                + " 1/3 in \\d+ ms x-ik-requestId=\\S+ transport="
                + transport);
  }

  @Test
  void withoutABackendSlf4jSaysSoAndTheCallsStillWork() throws Exception {
    String output = run(classPathWithoutBackend(), List.of(), "apache");

    assertThat(output).contains(NO_PROVIDER);
  }
}
