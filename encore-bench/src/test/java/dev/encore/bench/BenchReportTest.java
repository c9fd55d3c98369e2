package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  static final List<String> REQUIRED_FIGURES = List.of("secondsPerIteration", "fitSeconds", "peakRssBytes",
      "peakHeapBytes", "recommendAllUsersPerSecond", "recommendP50Micros", "recommendP99Micros", "similarP50Micros",
      "similarP99Micros", "modelLoadSeconds", "precision@10", "flopsPerIteration", "bytesPerIteration",
      "fractionOfPeak");

  private static final Machine MACHINE = new Machine(2, "Test CPU", 8L << 30, 32L << 20, "JDK 17", "Linux amd64");

  /** Encore: 1 s per iteration, 1,000 users/s, precision 0.30; Spark: 4 s, 250 users/s, precision 0.32. */
  private static BenchReport fixedReport() {
    RunSettings settings = TinyData.settings();
    Map<String, SystemReport> systems = new LinkedHashMap<>();
    systems.put("encore", SystemReport.of(figures(BenchedSystem.ENCORE, 1.0, 1000, 0.30), settings, 160, 20e9));
    systems.put("spark", SystemReport.of(figures(BenchedSystem.SPARK, 4.0, 250, 0.32), settings, 160, 20e9));
    return BenchReport.assemble(settings, MACHINE, 160, 20e9, systems);
  }

  private static ChildFigures figures(BenchedSystem system, double perIteration, double usersPerSecond,
      double precision) {
    boolean encore = system.isEncore();
    return new ChildFigures(system, 100, 50, 1000, 250, 0.5, encore ? List.of(0.9, 1.0, 1.2) : List.of(),
        perIteration, encore ? 0.9 : Double.NaN, encore ? 1.2 : Double.NaN, "fixed", 3 * perIteration, perIteration,
        encore ? 100L << 20 : 400L << 20, 50L << 20, encore ? 80L << 20 : 320L << 20, 100, usersPerSecond, encore,
        encore ? 120 : Double.NaN, encore ? 700 : Double.NaN, encore ? 60 : Double.NaN, encore ? 300 : Double.NaN,
        encore ? 500 : Double.NaN, encore ? 0.1 : 1.0, 1 << 20, precision, precision - 0.02, precision / 2, 90, encore ? 2.0 : 4.0, encore ? "none" : "VectorBLAS",
        List.of("note"));
  }

  @Test
  void jsonNamesEverySystemsFigures() throws Exception {
    JsonNode json = BenchJson.MAPPER.readTree(BenchJson.write(fixedReport()));

    for (String system : List.of("encore", "spark")) {
      JsonNode figures = json.path("systems").path(system);
      for (String name : REQUIRED_FIGURES) {
        assertThat(figures.has(name)).as(system + "." + name).isTrue();
      }
    }
    assertThat(json.path("systems").path("encore").path("secondsPerIteration").asDouble()).isEqualTo(1.0);
    assertThat(json.path("systems").path("encore").path("precision@10").asDouble()).isEqualTo(0.30);
    assertThat(json.path("dataset").asText()).isEqualTo("synth-1m");
  }

  @Test
  void costFiguresComeFromTheFormulaForEachSystemsSolver() {
    BenchReport report = fixedReport();
    ProblemShape shape = new ProblemShape(100, 50, 1000);

    assertThat(report.systems().get("encore").flopsPerIteration())
        .isEqualTo(IterationCost.conjugateGradient(shape, 8, 3).flops());
    assertThat(report.systems().get("spark").flopsPerIteration()).isEqualTo(IterationCost.cholesky(shape, 8).flops());
    assertThat(report.systems().get("encore").fractionOfPeak())
        .isCloseTo(IterationCost.conjugateGradient(shape, 8, 3).flops() / 160e9, within(1e-15));
  }

  @Test
  void advantagesSayHowManyTimesBetterEncoreIs() {
    Map<String, Double> advantages = fixedReport().encoreAdvantageOverSpark().get("encore");

    assertThat(advantages.get("secondsPerIteration")).isEqualTo(4.0);
    assertThat(advantages.get("recommendAllUsersPerSecond")).isEqualTo(4.0);
    assertThat(advantages.get("peakRssBytes")).isEqualTo(4.0);
    assertThat(advantages.get("precision@10")).isCloseTo(0.30 / 0.32, within(1e-12));
    assertThat(advantages).doesNotContainKey("recommendP50Micros");
  }

  @Test
  void tableHasARowPerFigureAndTheRatioColumn() {
    String table = ReportTable.render(fixedReport());

    assertThat(table).contains("encore vs spark", "seconds per iteration (median)", "4.00x", "precision@10",
        "n/a", "peak 160 GFLOP/s (nominal)");
    for (Figure figure : Figure.ALL) {
      assertThat(table).contains(figure.label().trim());
    }
  }

  /** encore and encore-wr as in fixedReport, implicit: 2 s per iteration, 500 users/s, 400 items/s, precision 0.29. */
  private static BenchReport reportWithImplicit() {
    RunSettings settings = TinyData.settings();
    Map<String, SystemReport> systems = new LinkedHashMap<>();
    systems.put("encore", SystemReport.of(figures(BenchedSystem.ENCORE, 1.0, 1000, 0.30), settings, 160, 20e9));
    systems.put("encore-wr", SystemReport.of(figures(BenchedSystem.ENCORE_WR, 1.0, 1000, 0.30), settings, 160,
        20e9));
    ImplicitResult implicit = ImplicitResult.parse(ImplicitResultTest.LINE.replace("\"medianIteration\": 1.1",
        "\"medianIteration\": 2.0").replace("\"recommendAllSeconds\": 0.4", "\"recommendAllSeconds\": 0.2")
        .replace("\"similarAllSeconds\": 0.25", "\"similarAllSeconds\": 0.125")
        .replace("\"precision@10\": 0.3", "\"precision@10\": 0.29"));
    systems.put("implicit", SystemReport.of(implicit.toFigures(List.of("implicit note")), settings, 160, 20e9));
    return BenchReport.assemble(settings, MACHINE, 160, 20e9, systems, List.of());
  }

  @Test
  void implicitRatiosSayHowManyTimesFasterEncoreIs() {
    Map<String, Double> advantages = reportWithImplicit().encoreAdvantageOverImplicit().get("encore");

    assertThat(advantages.get("secondsPerIteration")).isEqualTo(2.0);
    // Encore 1,000 users/s against implicit's 200 users in 0.2 s.
    assertThat(advantages.get("recommendAllUsersPerSecond")).isEqualTo(1.0);
    // Encore 500 items/s against implicit's 50 items in 0.125 s.
    assertThat(advantages.get("similarAllItemsPerSecond")).isCloseTo(500 / 400.0, within(1e-12));
    assertThat(advantages.get("precision@10")).isCloseTo(0.30 / 0.29, within(1e-12));
    assertThat(advantages.get("recall@10")).isCloseTo(0.15 / 0.21, within(1e-12));
    assertThat(advantages).doesNotContainKeys("peakRssBytes", "recommendP50Micros", "modelLoadSeconds");
  }

  @Test
  void implicitIsComparedOnlyWithEncoreSystemsOfItsObjective() {
    BenchReport report = reportWithImplicit();

    assertThat(report.encoreAdvantageOverImplicit()).containsOnlyKeys("encore");
    assertThat(report.encoreAdvantageOverSpark()).isEmpty();
    String table = ReportTable.render(report);
    assertThat(table).contains("encore vs implicit", "2.00x", "similar-all", "recall@10")
        .doesNotContain("encore-wr vs implicit");
  }

  @Test
  void reportNamesTheL3AndWhetherTheWorkingSetFits() throws Exception {
    BenchReport report = fixedReport();

    assertThat(report.workingSetFitsInL3()).isTrue();
    assertThat(ReportTable.render(report)).contains("cache: working set", "fits in the 32.0 MiB L3");
    JsonNode json = BenchJson.MAPPER.readTree(BenchJson.write(report));
    assertThat(json.path("machine").path("l3CacheBytes").asLong()).isEqualTo(32L << 20);
    assertThat(json.path("workingSetFitsInL3").asBoolean()).isTrue();
    assertThat(json.path("workingSet").path("factorBytes").asLong()).isEqualTo(4L * 8 * 150);
  }

  @Test
  void skippedSystemsAreNamedInTheNotes() {
    RunSettings settings = TinyData.settings();
    Map<String, SystemReport> systems = Map.of("encore",
        SystemReport.of(figures(BenchedSystem.ENCORE, 1.0, 1000, 0.3), settings, 160, 20e9));

    BenchReport report = BenchReport.assemble(settings, MACHINE, 160, 20e9, systems,
        List.of("implicit skipped: building implicit (build.sh) failed: see /tmp/build.log"));

    assertThat(ReportTable.render(report)).contains("- implicit skipped: building implicit (build.sh) failed");
    assertThat(report.encoreAdvantageOverImplicit()).isEmpty();
  }

  @Test
  void withoutSparkThereAreNoRatios() {
    RunSettings settings = TinyData.settings();
    Map<String, SystemReport> systems = Map.of("encore",
        SystemReport.of(figures(BenchedSystem.ENCORE, 1.0, 1000, 0.3), settings, 160, 20e9));

    BenchReport report = BenchReport.assemble(settings, MACHINE, 160, 20e9, systems);

    assertThat(report.encoreAdvantageOverSpark()).isEmpty();
    assertThat(ReportTable.render(report)).doesNotContain("vs spark");
  }
}
