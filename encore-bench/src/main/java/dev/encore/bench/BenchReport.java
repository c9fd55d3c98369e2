package dev.encore.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * A whole benchmark run as {@code --json} prints it, and the source of the text table.
 *
 * @param dataset the standard dataset's name
 * @param machine where it ran
 * @param settings the run's settings, the same for every system
 * @param peakGflops the FLOP/s peak fractions are taken of (nominal unless given by option)
 * @param memoryBandwidthBytesPerSecond the driver's measured triad bandwidth
 * @param systems each system's figures by name: encore, encore-wr, spark
 * @param encoreAdvantageOverSpark per Encore system, per figure, how many times better Encore is
 *     (spark / encore for times and memory, encore / spark for throughput and quality; above 1
 *     means Encore is better); empty without a Spark run
 * @param notes how the figures were obtained, for a fair reading
 */
public record BenchReport(
    String dataset,
    Machine machine,
    RunSettings settings,
    double peakGflops,
    double memoryBandwidthBytesPerSecond,
    Map<String, SystemReport> systems,
    Map<String, Map<String, Double>> encoreAdvantageOverSpark,
    List<String> notes) {

  static final String ADVANTAGE_RULE = "encoreAdvantageOverSpark: above 1 means Encore is better; times and memory"
      + " are spark / encore, throughput and precision are encore / spark";

  /** Assembles the report, computing the Encore-over-Spark ratios from the systems' figures. */
  public static BenchReport assemble(RunSettings settings, Machine machine, double peakGflops,
      double bandwidthBytesPerSecond, Map<String, SystemReport> systems) {
    Map<String, Map<String, Double>> advantages = new LinkedHashMap<>();
    SystemReport spark = systems.get(BenchedSystem.SPARK.label());
    if (spark != null) {
      systems.forEach((name, report) -> {
        if (report.figures().system().isEncore()) {
          advantages.put(name, advantages(report, spark));
        }
      });
    }
    List<String> notes = new ArrayList<>();
    notes.add("every system trains on the same 80% training split (RandomSplitter 0.2, seed 1) and is scored on the"
        + " held-out 20% by Encore's RankingEvaluator");
    notes.add("each system ran in its own JVM (-Xmx" + settings.heap()
        + "); memory figures cover that JVM's whole run");
    notes.add(String.format(Locale.ROOT, "peak %.0f GFLOP/s is nominal (cores x clock x FLOP/cycle);"
        + " bandwidth is the measured triad", peakGflops));
    notes.add(ADVANTAGE_RULE);
    systems.values().forEach(report -> notes.addAll(report.figures().notes()));
    return new BenchReport(settings.dataset().label(), machine, settings, peakGflops, bandwidthBytesPerSecond,
        Collections.unmodifiableMap(new LinkedHashMap<>(systems)), Collections.unmodifiableMap(advantages),
        List.copyOf(notes));
  }

  private static Map<String, Double> advantages(SystemReport encore, SystemReport spark) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Figure figure : Figure.ALL) {
      double advantage = figure.advantage(encore, spark);
      if (!Double.isNaN(advantage)) {
        ratios.put(figure.name(), advantage);
      }
    }
    return ratios;
  }
}
