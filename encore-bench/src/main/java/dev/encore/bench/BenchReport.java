package dev.encore.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A whole benchmark run as {@code --json} prints it, and the source of the text table.
 *
 * @param dataset the standard dataset's name
 * @param machine where it ran
 * @param settings the run's settings, the same for every system
 * @param peakGflops the FLOP/s peak fractions are taken of (nominal unless given by option)
 * @param memoryBandwidthBytesPerSecond the driver's measured triad bandwidth
 * @param workingSet factors and both CSR matrices of the training split at the run's k
 * @param workingSetFitsInL3 whether that fits in the machine's L3 (false when its size is unknown)
 * @param systems each system's figures by name: encore, encore-wr, spark, implicit
 * @param encoreAdvantageOverSpark per Encore system, per figure, how many times better Encore is
 *     (spark / encore for times and memory, encore / spark for throughput and quality; above 1
 *     means Encore is better); empty without a Spark run
 * @param encoreAdvantageOverImplicit the same against implicit, for the Encore systems that solve
 *     its objective (unscaled lambda: not encore-wr); empty without an implicit run
 * @param notes how the figures were obtained, for a fair reading, and which systems were skipped
 */
public record BenchReport(
    String dataset,
    Machine machine,
    RunSettings settings,
    double peakGflops,
    double memoryBandwidthBytesPerSecond,
    WorkingSet workingSet,
    boolean workingSetFitsInL3,
    Map<String, SystemReport> systems,
    Map<String, Map<String, Double>> encoreAdvantageOverSpark,
    Map<String, Map<String, Double>> encoreAdvantageOverImplicit,
    List<String> notes) {

  static final String ADVANTAGE_RULE = "encoreAdvantageOverSpark, encoreAdvantageOverImplicit: above 1 means Encore"
      + " is better (for times: how many times faster); times and memory are peer / encore, throughput and"
      + " quality are encore / peer";

  /** Assembles the report with no system skipped. */
  public static BenchReport assemble(RunSettings settings, Machine machine, double peakGflops,
      double bandwidthBytesPerSecond, Map<String, SystemReport> systems) {
    return assemble(settings, machine, peakGflops, bandwidthBytesPerSecond, systems, List.of());
  }

  /** Assembles the report, computing the Encore-over-peer ratios from the systems' figures. */
  public static BenchReport assemble(RunSettings settings, Machine machine, double peakGflops,
      double bandwidthBytesPerSecond, Map<String, SystemReport> systems, List<String> skipped) {
    Map<String, Map<String, Double>> overSpark = advantagesOver(BenchedSystem.SPARK, systems, system -> true);
    Map<String, Map<String, Double>> overImplicit = advantagesOver(BenchedSystem.IMPLICIT, systems,
        system -> !system.scalesRegularization());
    WorkingSet workingSet = systems.isEmpty() ? WorkingSet.of(new ProblemShape(0, 0, 0), settings.factors())
        : WorkingSet.of(systems.values().iterator().next().figures().shape(), settings.factors());
    List<String> notes = new ArrayList<>(skipped);
    notes.add("every system trains on the same 80% training split (RandomSplitter 0.2, seed 1) and is scored on the"
        + " held-out 20% by Encore's RankingEvaluator (implicit: by its own ranking_metrics_at_k, the same"
        + " definitions); Encore's evaluation computes the top-10 metrics as implicit's does, not the expected"
        + " percentile rank, which ranks every test item against every track (RankingEvaluator.evaluateTopK)");
    notes.add("each JVM system ran in its own JVM (-Xmx" + settings.heap()
        + "); memory figures cover that JVM's whole run");
    notes.add(String.format(Locale.ROOT, "peak %.0f GFLOP/s is nominal (cores x clock x FLOP/cycle);"
        + " bandwidth is the measured triad", peakGflops));
    notes.add(ADVANTAGE_RULE);
    systems.values().forEach(report -> notes.addAll(report.figures().notes()));
    return new BenchReport(settings.dataset().label(), machine, settings, peakGflops, bandwidthBytesPerSecond,
        workingSet, workingSet.fitsIn(machine.l3CacheBytes()),
        Collections.unmodifiableMap(new LinkedHashMap<>(systems)), overSpark, overImplicit, List.copyOf(notes));
  }

  /** Each comparison by the peer's name (spark, implicit), for the table's ratio columns. */
  @JsonIgnore
  public Map<String, Map<String, Map<String, Double>>> comparisons() {
    Map<String, Map<String, Map<String, Double>>> byPeer = new LinkedHashMap<>();
    byPeer.put(BenchedSystem.SPARK.label(), encoreAdvantageOverSpark);
    byPeer.put(BenchedSystem.IMPLICIT.label(), encoreAdvantageOverImplicit);
    return byPeer;
  }

  private static Map<String, Map<String, Double>> advantagesOver(BenchedSystem peer,
      Map<String, SystemReport> systems, Predicate<BenchedSystem> comparable) {
    Map<String, Map<String, Double>> advantages = new LinkedHashMap<>();
    SystemReport peerReport = systems.get(peer.label());
    if (peerReport != null) {
      systems.forEach((name, report) -> {
        BenchedSystem system = report.figures().system();
        if (system.isEncore() && comparable.test(system)) {
          advantages.put(name, advantages(report, peerReport));
        }
      });
    }
    return Collections.unmodifiableMap(advantages);
  }

  private static Map<String, Double> advantages(SystemReport encore, SystemReport peer) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Figure figure : Figure.ALL) {
      double advantage = figure.advantage(encore, peer);
      if (!Double.isNaN(advantage)) {
        ratios.put(figure.name(), advantage);
      }
    }
    return ratios;
  }
}
