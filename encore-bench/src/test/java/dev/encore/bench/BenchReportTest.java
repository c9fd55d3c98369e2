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

  private static final Machine MACHINE = new Machine(2, "Test CPU", 8L << 30, "JDK 17", "Linux amd64");

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
        encore ? 0.1 : 1.0, 1 << 20, precision, precision - 0.02, 90, encore ? "none" : "VectorBLAS",
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
