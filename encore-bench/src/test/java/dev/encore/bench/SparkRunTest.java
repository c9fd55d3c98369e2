package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke test of the Spark child in-process (the module opens are in surefire's argLine). */
class SparkRunTest {
  @TempDir
  Path folder;

  @Test
  void sparkChildTrainsAndIsScoredByEncoresEvaluator() throws Exception {
    Path data = TinyData.write(folder);
    ChildRequest request = TinyData.settings().request(BenchedSystem.SPARK, data, folder.resolve("work"));

    ChildFigures figures = SparkRun.run(request, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));

    assertThat(figures.secondsPerIteration()).isPositive();
    assertThat(figures.fitSeconds()).isPositive();
    assertThat(figures.recommendAllUsersPerSecond()).isPositive();
    assertThat(figures.recommendAllFiltersPlayed()).isFalse();
    assertThat(figures.recommendP50Micros()).isNaN();
    assertThat(figures.modelLoadSeconds()).isPositive();
    // Popular tracks alone score about 0.1 here; trained factors must do clearly better.
    assertThat(figures.precisionAt10()).isGreaterThan(0.1);
    assertThat(figures.blas()).contains("dev.ludovic.netlib");
  }
}
