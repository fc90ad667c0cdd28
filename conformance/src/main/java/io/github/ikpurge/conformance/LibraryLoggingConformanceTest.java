package io.github.ikpurge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.spi.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No log line shows the private key when every HTTP library's own logging is at its finest: the JDK
 * client's {@code jdk.httpclient.HttpClient.log=all}, HttpURLConnection's logger, Apache
 * HttpClient's wire and header logs, Feign's loggers. Where a library prints request headers and
 * nothing can stop it, the transport says so at {@code WARNING}, once, naming the setting to
 * change, and only that library's own logger may show the key. Runs in a JVM of its own: the JDK
 * reads its log property once.
 */
public abstract class LibraryLoggingConformanceTest {

  /** Returns the provider of the transport under test. */
  protected abstract TransportProvider provider();

  /** {@return the logger whose lines prove the library's own logging was on} */
  protected abstract String libraryLogger();

  /**
   * Returns the library loggers that print request headers in clear whatever the transport does,
   * for which it warns instead; empty by default.
   */
  protected Set<String> loggersThatPrintHeaders() {
    return Set.of();
  }

  /** {@return the setting the transport's warning names, when it must warn} */
  protected String warnedSetting() {
    return "";
  }

  @Test
  void noLogLineShowsTheKeyWhateverTheLibrariesLog() throws Exception {
    ForkedJvm.Result run =
        ForkedJvm.run(
            Duration.ofMinutes(2),
            List.of("-Djdk.httpclient.HttpClient.log=all"),
            LibraryLoggingCheck.class,
            provider().getClass().getName());
    String output = run.output();
    assertThat(run.exitCode()).as(output).isZero();

    String key = LibraryLoggingCheck.KEY;
    String credentials =
        Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    List<String> lines =
        output.lines().filter(line -> line.startsWith("LOG ")).collect(Collectors.toList());
    long showingTheKey =
        lines.stream().filter(line -> line.contains(key) || line.contains(credentials)).count();
    System.out.printf(
        "library logging on %s: %d lines, %d of them show the key%n",
        provider().name(), lines.size(), showingTheKey);
    assertThat(lines)
        .as("the library's own log ran")
        .anySatisfy(line -> assertThat(line).contains(" " + libraryLogger()));
    for (String line : lines) {
      if (loggersThatPrintHeaders().stream()
          .noneMatch(logger -> line.contains(" " + logger + ":"))) {
        assertThat(line).doesNotContain(key).doesNotContain(credentials);
      }
    }
    List<String> warnings =
        lines.stream()
            .filter(line -> line.startsWith("LOG WARNING io.github.ikpurge"))
            .filter(line -> line.contains("private key"))
            .collect(Collectors.toList());
    if (loggersThatPrintHeaders().isEmpty()) {
      assertThat(warnings).as("no warning where nothing leaks").isEmpty();
    } else {
      assertThat(warnings).as("one warning").singleElement().asString().contains(warnedSetting());
    }
  }
}
