package io.github.ikpurge.benchmarks;

import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.testkit.SimulatorTls;
import io.github.ikpurge.transport.jdk.JdkHttpTransport;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up: a fresh JVM from {@code main} to the first status result, through the SDK on each
 * transport and through the same call written by hand on each library, OkHttp included (the library
 * under ImageKit's official Java SDK). Every program runs with only its own jars on the class path,
 * against one simulator over http and one over https; the runs alternate, program after program,
 * and the medians and their ratios are printed as Markdown tables.
 *
 * <p>Over https every program trusts the simulator's test certificate through the JVM's default
 * trust store ({@code javax.net.ssl.trustStore}), as an application configures it, and pays for its
 * own TLS set-up and handshake.
 *
 * <p>Arguments: the number of runs of each (default 10), the benchmarks' {@code target} folder
 * (default {@code benchmarks/target}).
 */
public final class StartupBenchmark {

  private static final String TRUST_STORE_PASSWORD = "startup";

  /**
   * One program: its name, the program it is set against (or null), its class path, its JVM
   * options, its main class and first arguments, and whether it runs with a class-data archive made
   * for it.
   */
  private record Program(
      String name,
      String against,
      String classPath,
      List<String> jvmOptions,
      List<String> mainAndArgs,
      boolean archived) {

    /** The archive's file for one scheme, which its training run writes. */
    Path archive(Path folder, String scheme) {
      return folder.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + "-" + scheme + ".jsa");
    }
  }

  private StartupBenchmark() {}

  /**
   * Runs the comparison.
   *
   * @param args runs, target folder
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path target = Path.of(args.length > 1 ? args[1] : "benchmarks/target");
    List<Program> programs = programs(target);
    Path trustStore = trustStore(target);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, Map<String, List<Long>>> millis = new LinkedHashMap<>();
    try (ImageKitSimulator http = simulator(false);
        ImageKitSimulator https = simulator(true)) {
      Map<String, ImageKitSimulator> schemes = new LinkedHashMap<>();
      schemes.put("http", http);
      schemes.put("https", https);
      Map<String, String> ids = new LinkedHashMap<>();
      for (Map.Entry<String, ImageKitSimulator> scheme : schemes.entrySet()) {
        ids.put(
            scheme.getKey(),
            scheme.getValue().registerPurge("https://ik.imagekit.io/demo/sample.jpg"));
        millis.put(scheme.getKey(), new LinkedHashMap<>());
      }
      Path archives = Files.createDirectories(target.resolve("startup").resolve("archives"));
      for (Map.Entry<String, ImageKitSimulator> scheme : schemes.entrySet()) {
        for (Program program : programs) {
          if (program.archived()) {
            // The training run: the JVM writes the archive as it exits.
            Path archive = program.archive(archives, scheme.getKey());
            Files.deleteIfExists(archive);
            time(
                java,
                trustStore,
                program,
                List.of("-XX:ArchiveClassesAtExit=" + archive),
                callArgs(scheme.getValue(), ids.get(scheme.getKey())));
          }
        }
      }
      for (int i = 0; i < runs + 1; i++) {
        for (Map.Entry<String, ImageKitSimulator> scheme : schemes.entrySet()) {
          List<String> callArgs = callArgs(scheme.getValue(), ids.get(scheme.getKey()));
          for (Program program : programs) {
            List<String> options =
                program.archived()
                    ? List.of("-XX:SharedArchiveFile=" + program.archive(archives, scheme.getKey()))
                    : List.of();
            long run = time(java, trustStore, program, options, callArgs);
            if (i > 0) {
              // The first round warms the disk cache; it is not counted.
              millis
                  .get(scheme.getKey())
                  .computeIfAbsent(program.name(), name -> new ArrayList<>())
                  .add(run);
            }
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Start-up, a new JVM to the first status result: median of %d runs each, alternating.%n",
            runs));
    for (Map.Entry<String, Map<String, List<Long>>> scheme : millis.entrySet()) {
      out.append(table(scheme.getKey(), programs, scheme.getValue()));
    }
    System.out.print(out);
  }

  private static List<String> callArgs(ImageKitSimulator simulator, String requestId) {
    return List.of(simulator.baseUri().toString(), simulator.privateKey(), requestId);
  }

  private static String table(String scheme, List<Program> programs, Map<String, List<Long>> runs) {
    Map<String, Long> medians = new LinkedHashMap<>();
    runs.forEach((name, values) -> medians.put(name, median(values)));
    long okHttp = medians.get(handWrittenName("okhttp"));
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%n%s:%n%n", scheme));
    table.append("| program | median ms | / OkHttp by hand | set against | ratio | runs (ms) |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (Program program : programs) {
      long median = medians.get(program.name());
      String against =
          program.against() == null
              ? "– | –"
              : String.format(
                  Locale.ROOT,
                  "%s | %.2f",
                  program.against(),
                  (double) median / medians.get(program.against()));
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.2f | %s | %s |%n",
              program.name(),
              median,
              (double) median / okHttp,
              against,
              runs.get(program.name())));
    }
    return table.toString();
  }

  private static List<Program> programs(Path target) throws IOException {
    String sdk = StartupSdkMain.class.getName();
    String hand = StartupHandWrittenMain.class.getName();
    List<Program> programs = new ArrayList<>();
    for (String transport : List.of("jdk", "jdk-httpclient", "apache", "feign")) {
      String jars = transport.startsWith("jdk") ? "jdk" : transport;
      List<String> options =
          transport.equals("jdk-httpclient")
              ? List.of("-D" + JdkHttpTransport.Engine.PROPERTY + "=http-client")
              : List.of();
      programs.add(
          new Program(
              sdkName(transport),
              handWrittenName(HandWritten.library(transport)),
              classPath(target, jars, true),
              options,
              List.of(sdk),
              false));
    }
    for (String library : List.of("urlconnection", "jdk", "apache", "feign", "okhttp")) {
      programs.add(
          new Program(
              handWrittenName(library),
              null,
              classPath(target, library, false),
              List.of(),
              List.of(hand, library),
              false));
    }
    // The recipe of docs/startup.md, and the same archive for OkHttp.
    programs.add(
        new Program(
            sdkName("jdk") + ", CDS archive",
            sdkName("jdk"),
            classPath(target, "jdk", true),
            List.of(),
            List.of(sdk),
            true));
    programs.add(
        new Program(
            handWrittenName("okhttp") + ", CDS archive",
            handWrittenName("okhttp"),
            classPath(target, "okhttp", false),
            List.of(),
            List.of(hand, "okhttp"),
            true));
    return programs;
  }

  private static String sdkName(String transport) {
    return switch (transport) {
      case "jdk" -> "SDK, jdk transport";
      case "jdk-httpclient" -> "SDK, jdk transport on HttpClient";
      default -> "SDK, " + transport + " transport";
    };
  }

  private static String handWrittenName(String library) {
    return switch (library) {
      case "jdk" -> "by hand, JDK HttpClient";
      case "urlconnection" -> "by hand, JDK HttpURLConnection";
      case "apache" -> "by hand, Apache HttpClient 5";
      case "feign" -> "by hand, Feign default client";
      case "okhttp" -> "by hand, OkHttp";
      default -> throw new IllegalArgumentException(library);
    };
  }

  /**
   * The jars copied for one library (see the POM), with or without the SDK's own, then the
   * programs' jar; the JDK's own libraries need no jar.
   */
  private static String classPath(Path target, String library, boolean withSdk) throws IOException {
    List<Path> entries = new ArrayList<>();
    if (withSdk || !(library.equals("jdk") || library.equals("urlconnection"))) {
      try (Stream<Path> jars = Files.list(target.resolve("startup").resolve(library))) {
        jars.filter(jar -> withSdk || !jar.getFileName().toString().startsWith("ikpurge-"))
            .sorted()
            .forEach(entries::add);
      }
    }
    try (Stream<Path> jars = Files.list(target.resolve("startup").resolve("programs"))) {
      jars.forEach(entries::add);
    }
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static ImageKitSimulator simulator(boolean https) {
    ImageKitSimulator.Builder builder =
        ImageKitSimulator.builder().completeAfterPolls(Integer.MAX_VALUE).journalCapacity(0);
    return (https ? builder.https() : builder).start();
  }

  /** Writes the simulator's test certificate to a trust store the programs are given. */
  private static Path trustStore(Path target) throws IOException, GeneralSecurityException {
    Path file = target.resolve("startup-truststore.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      SimulatorTls.trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return file;
  }

  private static long time(
      String java, Path trustStore, Program program, List<String> options, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    command.addAll(program.jvmOptions());
    command.addAll(options);
    command.addAll(List.of("-cp", program.classPath()));
    command.addAll(program.mainAndArgs());
    command.addAll(args);
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    long millis = (System.nanoTime() - started) / 1_000_000;
    // A timed run must print the status alone: a JVM that cannot map its archive warns and goes on
    // without it, which would not measure the archive. A training run warns of classes it skips.
    boolean training = options.stream().anyMatch(option -> option.startsWith("-XX:Archive"));
    if (code != 0
        || !(training
            ? output.lines().anyMatch("Pending"::equals)
            : output.strip().equals("Pending"))) {
      throw new IllegalStateException(program.name() + " failed (" + code + "): " + output);
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
