package io.github.ikpurge.benchmarks;

import io.github.ikpurge.json.BuiltInJsonCodec;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns a run's JMH results into a Markdown summary ({@code summary.md}) and a chart of SDK vs
 * hand-written throughput per transport, with the OkHttp and HttpURLConnection baselines ({@code
 * throughput.png}), in the run's folder.
 */
public final class Report {

  /** The transports as {@link StatusThroughputBenchmark} names them. */
  private static final List<String> TRANSPORTS =
      List.of("jdk", "jdk-httpclient", "apache", "feign");

  /** The libraries measured by hand only ({@link BaselineThroughputBenchmark}). */
  private static final List<String> BASELINES = List.of("okhttp");

  private Report() {}

  /**
   * Writes the summary and the chart.
   *
   * @param args the run's folder
   * @throws Exception if a result cannot be read or written
   */
  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    StringBuilder md = new StringBuilder();
    DefaultCategoryDataset chart = new DefaultCategoryDataset();

    md.append(
        "| transport | threads | SDK ops/s | by hand on | by hand ops/s | SDK / by hand"
            + " | OkHttp by hand ops/s | SDK / OkHttp |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (int threads : new int[] {1, 16}) {
      Map<String, Double> scores = throughput(folder.resolve("throughput-t" + threads + ".json"));
      double okHttp = scores.get("okhttp/handWritten");
      String label = threads + (threads == 1 ? " thread" : " threads");
      for (String transport : TRANSPORTS) {
        double sdk = scores.get(transport + "/sdk");
        double hand = scores.get(transport + "/handWritten");
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %,.0f | %s | %,.0f | %.3f | %,.0f | %.3f |%n",
                transport,
                threads,
                sdk,
                HandWritten.library(transport),
                hand,
                sdk / hand,
                okHttp,
                sdk / okHttp));
        chart.addValue(sdk, "SDK", transport + ", " + label);
        chart.addValue(hand, "hand-written", transport + ", " + label);
      }
      for (String library : BASELINES) {
        double hand = scores.get(library + "/handWritten");
        md.append(
            String.format(
                Locale.ROOT,
                "| – | %d | – | %s | %,.0f | – | %,.0f | (%.3f) |%n",
                threads,
                library,
                hand,
                okHttp,
                hand / okHttp));
        chart.addValue(hand, "hand-written", library + ", " + label);
      }
    }

    // The transports mode of run.sh measures throughput and start-up alone.
    if (Files.exists(folder.resolve("engine.json"))) {
      Map<String, Object> engine = single(folder.resolve("engine.json"));
      md.append(
          String.format(
              Locale.ROOT,
              "%nEngine alone (in-memory transport): %.0f ns per status call, %.0f bytes allocated"
                  + " per call.%n",
              primary(engine),
              secondary(engine, "gc.alloc.rate.norm")));
    }
    if (Files.exists(folder.resolve("await.json"))) {
      md.append(
          "\n| transport | 1 000 async waits, wall time (ms) | ideal (ms) | peak client threads |\n");
      md.append("|---|---|---|---|\n");
      for (Map<String, Object> result : results(folder.resolve("await.json"))) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %d | %.0f |%n",
                param(result, "transport"),
                primary(result),
                AwaitBenchmark.IDEAL.toMillis(),
                largestRaw(result, "peakClientThreads")));
      }
    }
    for (String extra : List.of("startup.txt", "bulk-purge.txt", "footprint.txt")) {
      Path file = folder.resolve(extra);
      if (Files.exists(file)) {
        md.append('\n').append(Files.readString(file, StandardCharsets.UTF_8).strip()).append('\n');
      }
    }
    Files.writeString(folder.resolve("summary.md"), md.toString(), StandardCharsets.UTF_8);

    JFreeChart bars =
        ChartFactory.createBarChart(
            "Status calls per second on loopback: SDK vs hand-written, same library",
            null,
            "calls per second",
            chart,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    // Two lines per label: "apache, 16 threads" is cut short on one.
    bars.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(2);
    ChartUtils.saveChartAsPNG(
        new File(folder.resolve("throughput.png").toString()), bars, 1000, 520);
    System.out.print(md);
  }

  /** Returns the scores by {@code transport/benchmark}. */
  private static Map<String, Double> throughput(Path file) throws Exception {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Map<String, Object> result : results(file)) {
      String benchmark = (String) result.get("benchmark");
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String subject = param(result, "transport");
      scores.put(
          (subject != null ? subject : param(result, "library")) + "/" + method, primary(result));
    }
    return scores;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(Path file) throws Exception {
    // JMH writes a JSON array; the SDK's codec reads objects, so the array is wrapped in one.
    byte[] wrapped =
        ("{\"results\":" + Files.readString(file, StandardCharsets.UTF_8) + "}")
            .getBytes(StandardCharsets.UTF_8);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Object result :
        (List<Object>) BuiltInJsonCodec.create().readObject(wrapped).get("results")) {
      results.add((Map<String, Object>) result);
    }
    return results;
  }

  private static Map<String, Object> single(Path file) throws Exception {
    return results(file).get(0);
  }

  @SuppressWarnings("unchecked")
  private static String param(Map<String, Object> result, String name) {
    return (String) ((Map<String, Object>) result.get("params")).get(name);
  }

  @SuppressWarnings("unchecked")
  private static double primary(Map<String, Object> result) {
    return ((BigDecimal) ((Map<String, Object>) result.get("primaryMetric")).get("score"))
        .doubleValue();
  }

  /** Returns the largest per-iteration value of a counter; JMH's score sums them. */
  @SuppressWarnings("unchecked")
  private static double largestRaw(Map<String, Object> result, String name) {
    Map<String, Object> metric =
        (Map<String, Object>) ((Map<String, Object>) result.get("secondaryMetrics")).get(name);
    double largest = Double.NaN;
    for (Object fork : (List<Object>) metric.get("rawData")) {
      for (Object value : (List<Object>) fork) {
        double number = ((BigDecimal) value).doubleValue();
        largest = Double.isNaN(largest) ? number : Math.max(largest, number);
      }
    }
    return largest;
  }

  @SuppressWarnings("unchecked")
  private static double secondary(Map<String, Object> result, String name) {
    Map<String, Object> metrics = (Map<String, Object>) result.get("secondaryMetrics");
    Map<String, Object> metric = (Map<String, Object>) metrics.get(name);
    return metric == null ? Double.NaN : ((BigDecimal) metric.get("score")).doubleValue();
  }
}
