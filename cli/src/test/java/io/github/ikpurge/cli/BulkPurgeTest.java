package io.github.ikpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.testkit.Endpoint;
import io.github.ikpurge.testkit.Fault;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.RecordedRequest;
import io.github.ikpurge.testkit.ScriptedResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code purge --from}: a list of URLs from a file or standard input, against the simulator. */
class BulkPurgeTest {

  private static final String NL = System.lineSeparator();
  private static final String A = "https://ik.imagekit.io/demo/a.jpg";
  private static final String B = "https://ik.imagekit.io/demo/b.jpg";
  private static final String C = "https://ik.imagekit.io/demo/c.jpg";

  @TempDir Path dir;

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().completeAfterPolls(1).start();
  private final Map<String, String> env = new HashMap<>();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  BulkPurgeTest() {
    env.put("IMAGEKIT_PRIVATE_KEY", simulator.privateKey());
    env.put("IMAGEKIT_API_BASE_URL", simulator.baseUri().toString());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private int run(String stdin, boolean terminal, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    IkPurge.Streams streams =
        new IkPurge.Streams(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            terminal,
            40);
    return IkPurge.run(env, streams, args);
  }

  private int run(String... args) {
    return run("", false, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<Map<String, Object>> jsonLines() {
    return out()
        .lines()
        .map(line -> BuiltInJsonCodec.create().readObject(line.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private Path file(String... lines) throws Exception {
    return Files.write(dir.resolve("urls.txt"), List.of(lines));
  }

  private List<String> purgedUrls() {
    return simulator.journal(Endpoint.PURGE).stream()
        .map(RecordedRequest::body)
        .map(body -> (String) BuiltInJsonCodec.create().readObject(body).get("url"))
        .toList();
  }

  @Test
  void aFileIsPurgedLineByLineSkippingBlankLinesCommentsAndDuplicates() throws Exception {
    Path urls = file("\uFEFF# the images", A, "", "   ", B, "  " + C + "  ", A);

    assertThat(run("purge", "--from", urls.toString())).as(err()).isZero();

    assertThat(purgedUrls()).containsExactlyInAnyOrder(A, B, C);
    assertThat(err().lines())
        .as("one line per URL when standard error is not a terminal")
        .hasSize(4)
        .anySatisfy(line -> assertThat(line).matches("#0 accepted " + A + " requestId \\w{24}"))
        .anySatisfy(line -> assertThat(line).isEqualTo("#3 duplicate " + A));
    assertThat(out()).startsWith("4 URLs: 3 accepted, 1 duplicate (").endsWith(" s)" + NL);
  }

  @Test
  void jsonLinesHaveNumbersAndBooleansOfTheirOwnTypeAndASummary() throws Exception {
    Path urls = file(A, B);

    assertThat(run("purge", "--from", urls.toString(), "--json", "--wait")).isZero();

    List<Map<String, Object>> lines = jsonLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 4))
        .extracting(line -> line.get("type"))
        .containsExactlyInAnyOrder("purge", "purge", "completion", "completion");
    Map<String, Object> purge =
        lines.stream()
            .filter(l -> l.get("type").equals("purge") && l.get("url").equals(B))
            .findFirst()
            .orElseThrow();
    assertThat(purge)
        .containsEntry("index", new BigDecimal("1"))
        .containsEntry("outcome", "accepted")
        .containsEntry("fromJournal", false)
        .containsKey("requestId");
    Map<String, Object> completion =
        lines.stream()
            .filter(l -> l.get("type").equals("completion") && l.get("url").equals(A))
            .findFirst()
            .orElseThrow();
    assertThat(completion)
        .containsEntry("index", new BigDecimal("0"))
        .containsEntry("completed", true)
        .containsEntry("status", "Completed")
        .containsEntry("httpStatus", new BigDecimal("200"));
    assertThat(lines.get(4))
        .containsEntry("type", "summary")
        .containsEntry("total", new BigDecimal("2"))
        .containsEntry("accepted", new BigDecimal("2"))
        .containsEntry("completed", new BigDecimal("2"))
        .containsEntry("exitCode", new BigDecimal("0"))
        .hasEntrySatisfying(
            "elapsedSeconds", seconds -> assertThat(seconds).isInstanceOf(BigDecimal.class));
    assertThat(err()).as("no plain lines beside the JSON").isEmpty();
  }

  @Test
  void standardInputIsReadWithADashAndEachEventIsAPlainLine() {
    int code = run(A + NL + "# skip" + NL + B + NL, false, "purge", "--from", "-", "--wait=30s");

    assertThat(code).as(err()).isZero();
    assertThat(purgedUrls()).containsExactlyInAnyOrder(A, B);
    assertThat(err().lines())
        .hasSize(4)
        .filteredOn(line -> line.matches("#[01] completed https://\\S+"))
        .hasSize(2);
    assertThat(out()).startsWith("2 URLs: 2 accepted; 2 completed (");
  }

  @Test
  void aRefusedUrlMakesTheExitCodeSixAndTheOthersAreStillPurged() throws Exception {
    simulator.enqueue(
        Endpoint.PURGE, ScriptedResponse.error(400, "Invalid url.", "Check the URL."));
    Path urls = file(A);
    Path more = Files.write(dir.resolve("more.txt"), List.of(A, "ftp://ik.imagekit.io/x.jpg", B));

    assertThat(run("purge", "--from", urls.toString())).isEqualTo(6);
    assertThat(err()).contains("#0 refused " + A + ": ");
    assertThat(run("purge", "--from", more.toString(), "--json")).isEqualTo(6);
    assertThat(jsonLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsEntry("index", new BigDecimal("1"))
                    .containsEntry("outcome", "refused")
                    .containsEntry("error", "IllegalArgumentException"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsEntry("type", "summary")
                    .containsEntry("exitCode", new BigDecimal("6")));
    assertThat(purgedUrls()).containsExactlyInAnyOrder(A, A, B);
  }

  @Test
  void aKeyTheApiRefusesStopsTheRunWithExitCodeOneAndTheRestNotSent() throws Exception {
    env.put("IMAGEKIT_PRIVATE_KEY", "private_not_the_simulators");
    Path urls = file(A, B, C);

    assertThat(run("purge", "--from", urls.toString(), "--concurrency", "1")).isEqualTo(1);

    assertThat(simulator.journal(Endpoint.PURGE)).hasSize(1);
    assertThat(err()).contains("#1 not sent " + B, "#2 not sent " + C);
    assertThat(out()).contains("3 URLs: 0 accepted, 1 refused, 2 not sent");
  }

  @Test
  void aSecondRunWithTheJournalSendsNothingAgainAndWaitsForWhatTheFirstHadAccepted()
      throws Exception {
    Path urls = file(A, B);
    String journal = dir.resolve("j.jsonl").toString();
    assertThat(run("purge", "--from", urls.toString(), "--journal", journal)).isZero();

    assertThat(run("purge", "--from", urls.toString(), "--journal", journal, "--wait", "--json"))
        .as(err())
        .isZero();

    assertThat(simulator.journal(Endpoint.PURGE)).hasSize(2);
    assertThat(simulator.journal(Endpoint.STATUS)).isNotEmpty();
    assertThat(jsonLines())
        .filteredOn(line -> "purge".equals(line.get("type")))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).containsEntry("fromJournal", true));
    assertThat(jsonLines())
        .filteredOn(line -> "completion".equals(line.get("type")))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).containsEntry("completed", true));
  }

  @Test
  void aPurgeWhoseAnswerNeverCameIsInDoubtOnTheNextRunNotSentAgainAndExitsSeven() throws Exception {
    simulator.enqueueFault(Endpoint.PURGE, Fault.DROPPED_CONNECTION);
    Path urls = file(A, B);
    String journal = dir.resolve("j.jsonl").toString();
    int first = run("purge", "--from", urls.toString(), "--journal", journal, "--concurrency", "1");
    assertThat(err()).contains("#1 accepted " + B);
    int sentBefore = simulator.journal(Endpoint.PURGE).size();

    int second = run("purge", "--from", urls.toString(), "--journal", journal, "--json");

    assertThat(first).as("the first run: %s", err()).isEqualTo(6);
    assertThat(second).isEqualTo(7);
    assertThat(simulator.journal(Endpoint.PURGE)).as("nothing sent again").hasSize(sentBefore);
    assertThat(jsonLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsEntry("url", A)
                    .containsEntry("outcome", "in_doubt")
                    .containsEntry("fromJournal", true))
        .anySatisfy(
            line -> assertThat(line).containsEntry("url", B).containsEntry("outcome", "accepted"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsEntry("type", "summary")
                    .containsEntry("inDoubt", BigDecimal.ONE)
                    .containsEntry("exitCode", new BigDecimal("7")));
  }

  @Test
  void onAFortyColumnTerminalTheProgressIsOneLineRedrawnWithinTheWidth() throws Exception {
    Path urls = file(A, B, C);

    assertThat(run("", true, "purge", "--from", urls.toString(), "--wait")).isZero();

    String printed = err();
    assertThat(printed).endsWith(NL).containsOnlyOnce(NL);
    List<String> drawings =
        Arrays.stream(printed.substring(0, printed.length() - NL.length()).split("\r"))
            .filter(drawing -> !drawing.isEmpty())
            .toList();
    assertThat(drawings).isNotEmpty().allSatisfy(drawing -> assertThat(drawing).hasSize(39));
    assertThat(drawings.get(drawings.size() - 1)).startsWith("ok 3 fail 0 pend 0 ");
    assertThat(out()).startsWith("3 URLs: 3 accepted; 3 completed (");
  }

  @Test
  void onATerminalEachJsonLineStartsAfterTheProgressLineIsBlanked() throws Exception {
    Path urls = file(A, B, C);
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    IkPurge.Streams streams =
        new IkPurge.Streams(InputStream.nullInputStream(), both, both, true, 40);

    assertThat(IkPurge.run(env, streams, "purge", "--from", urls.toString(), "--json")).isZero();

    List<String> lines =
        Arrays.stream(terminal.toString(StandardCharsets.UTF_8).split(NL))
            .filter(line -> line.contains("{"))
            .toList();
    assertThat(lines)
        .as("three URLs and the summary, each shown from the start of a blanked line")
        .hasSize(4)
        .allSatisfy(
            line -> {
              String shown = line.substring(line.lastIndexOf('\r') + 1);
              assertThat(
                      BuiltInJsonCodec.create().readObject(shown.getBytes(StandardCharsets.UTF_8)))
                  .containsKey("type");
            });
  }

  @Test
  void badUsageExitsTwoBeforeAnyRequest() {
    assertThat(run("purge")).isEqualTo(2);
    assertThat(err()).contains("give one <url>, or --from FILE");
    assertThat(run("purge", "--from", dir.resolve("missing.txt").toString())).isEqualTo(2);
    assertThat(err()).contains("missing.txt");
    assertThat(run("purge", A, "--journal", "j.jsonl")).isEqualTo(2);
    assertThat(run("purge", A, "--rate", "0")).isEqualTo(2);
    assertThat(run("purge", "--from", "-", "--concurrency", "0")).isEqualTo(2);
    assertThat(err()).contains("--concurrency must be from 1 to 256; was 0");
    assertThat(run("purge", A, "--wait=soon")).isEqualTo(2);
    assertThat(err()).contains("'soon' is not a positive duration");
    assertThat(simulator.journal()).isEmpty();
  }

  @Test
  void waitTakesItsDurationOnlyAfterAnEqualsSign() {
    assertThat(run("purge", "--wait", A)).as(err()).isZero();
    assertThat(out()).matches("\\w{24} Completed" + NL);
    assertThat(run("purge", A, "--wait=1m", "--rate", "50")).isZero();
    assertThat(out()).matches("\\w{24} Completed" + NL);
  }
}
