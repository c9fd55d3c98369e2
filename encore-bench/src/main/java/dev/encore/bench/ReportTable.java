package dev.encore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link BenchReport} as the plain-text table a person reads: one row per
 * {@link Figure}, one column per system, then one "x vs peer" column per Encore system and peer
 * (spark, implicit) it is compared with.
 */
final class ReportTable {
  private ReportTable() {}

  static String render(BenchReport report) {
    StringBuilder out = new StringBuilder();
    RunSettings settings = report.settings();
    SystemReport any = report.systems().values().iterator().next();
    out.append(String.format(Locale.ROOT,
        "Encore benchmark: %s, training split %,d users x %,d items, %,d entries (%,d held out)%n",
        report.dataset(), any.figures().trainUsers(), any.figures().trainItems(), any.figures().trainNnz(),
        any.figures().testNnz()));
    out.append(String.format(Locale.ROOT,
        "settings: %d factors, %d iterations, lambda %s, alpha %s, solver %s, %d CG steps, %d threads, child heap %s%n",
        settings.factors(), settings.iterations(), settings.regularization(), settings.alpha(), settings.solver(),
        settings.cgSteps(), settings.threads(), settings.heap()));
    Machine machine = report.machine();
    out.append(String.format(Locale.ROOT,
        "machine: %d cores, %s, %.1f GiB, %s; peak %.0f GFLOP/s (nominal), triad bandwidth %.1f GB/s (measured)%n",
        machine.cores(), machine.cpuModel(), machine.memoryBytes() / (double) (1L << 30), machine.java(),
        report.peakGflops(), report.memoryBandwidthBytesPerSecond() / 1e9));
    out.append("cache: ").append(report.workingSet().statement(machine.l3CacheBytes()))
        .append(String.format(Locale.ROOT, "%n%n"));

    List<String> header = new ArrayList<>();
    header.add("figure");
    header.addAll(report.systems().keySet());
    List<Map<String, Double>> comparisons = new ArrayList<>();
    report.comparisons().forEach((peer, byEncore) -> byEncore.forEach((encore, advantages) -> {
      header.add(encore + " vs " + peer);
      comparisons.add(advantages);
    }));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (Figure figure : Figure.ALL) {
      List<String> row = new ArrayList<>();
      row.add(figure.label());
      for (SystemReport system : report.systems().values()) {
        row.add(figure.unit().format(figure.of(system)));
      }
      for (Map<String, Double> advantages : comparisons) {
        Double advantage = advantages.get(figure.name());
        row.add(advantage == null ? "" : String.format(Locale.ROOT, "%.2fx", advantage));
      }
      rows.add(row);
    }
    appendAligned(out, rows);
    List<String> solvers = new ArrayList<>();
    report.systems().forEach((name, system) -> solvers.add(name + " = " + system.solver()));
    out.append(String.format(Locale.ROOT, "%nsolvers: %s%n", String.join("; ", solvers)));
    for (String note : report.notes()) {
      out.append("- ").append(note).append(String.format(Locale.ROOT, "%n"));
    }
    return out.toString();
  }

  /** Left-aligns the first column, right-aligns the rest, two spaces between columns. */
  private static void appendAligned(StringBuilder out, List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(c == 0 ? cell + pad : "  " + pad + cell);
      }
      out.append(line.toString().stripTrailing()).append(String.format(Locale.ROOT, "%n"));
    }
  }
}
