package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitResultTest {
  /** A RESULT line as bench_implicit.py prints it with --tasks all (trimmed of fields the harness ignores). */
  static final String LINE = "RESULT {\"system\": \"implicit\", \"version\": \"0.7.2\", \"factors\": 64,"
      + " \"users\": 200, \"items\": 50, \"trainNnz\": 1000, \"testNnz\": 250, \"readSeconds\": 0.5,"
      + " \"fitSeconds\": 3.3, \"iterationSeconds\": [1.2, 1.0, 1.1], \"medianIteration\": 1.1,"
      + " \"iterationOtherCores\": [NaN, 0.0, 0.01], \"blas\": [{\"path\": \"/x/libopenblas.so\","
      + " \"config\": \"OpenBLAS 0.3.30 SkylakeX\", \"num_threads\": 1}],"
      + " \"recommendAllSeconds\": 0.4, \"recommendAllUsers\": 200, \"similarAllSeconds\": 0.25,"
      + " \"precision@10\": 0.3, \"ndcg@10\": 0.28, \"map@10\": 0.2, \"auc@10\": 0.6, \"recall@10\": 0.21,"
      + " \"evalSeconds\": 0.7, \"evalUsers\": 180}";

  @Test
  void resultLineBecomesTheReportsFigures() {
    ImplicitResult result = ImplicitResult.parse(LINE);

    ChildFigures figures = result.toFigures(List.of("note"));

    assertThat(figures.system()).isEqualTo(BenchedSystem.IMPLICIT);
    assertThat(figures.secondsPerIteration()).isEqualTo(1.1);
    assertThat(figures.secondsPerIterationMin()).isEqualTo(1.0);
    assertThat(figures.secondsPerIterationMax()).isEqualTo(1.2);
    assertThat(figures.iterationSeconds()).containsExactly(1.2, 1.0, 1.1);
    assertThat(figures.recommendAllUsersPerSecond()).isEqualTo(200 / 0.4);
    assertThat(figures.similarAllItemsPerSecond()).isEqualTo(50 / 0.25);
    assertThat(figures.precisionAt10()).isEqualTo(0.3);
    assertThat(figures.ndcgAt10()).isEqualTo(0.28);
    assertThat(figures.recallAt10()).isEqualTo(0.21);
    assertThat(figures.evaluatedUsers()).isEqualTo(180);
    assertThat(figures.evaluationSeconds()).isEqualTo(0.7);
    assertThat(figures.trainNnz()).isEqualTo(1000);
    assertThat(figures.peakRssBytes()).isEqualTo(-1);
    assertThat(figures.recommendP50Micros()).isNaN();
    assertThat(result.version()).isEqualTo("0.7.2");
    assertThat(figures.blas()).isEqualTo("OpenBLAS 0.3.30 SkylakeX, 1 thread(s)");
    // The driver's NaN (no earlier mark) is left out of the mean of [NaN, 0.0, 0.01].
    assertThat(result.otherCoresDuringIterations()).isEqualTo(0.005);
  }

  @Test
  void theLastResultLineOfTheOutputCounts() {
    List<String> output = List.of("read 0.1 s", "RESULT {\"stale\": true}", "progress", LINE);

    assertThat(ImplicitResult.fromOutput(output).precisionAt10()).isEqualTo(0.3);
  }

  @Test
  void outputWithoutAResultLineSaysSo() {
    assertThatThrownBy(() -> ImplicitResult.fromOutput(List.of("Traceback (most recent call last):", "oops")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no line starting with 'RESULT'")
        .hasMessageContaining("2 lines");
  }

  @Test
  void malformedJsonIsAClearError() {
    assertThatThrownBy(() -> ImplicitResult.parse("RESULT {\"medianIteration\": 1.1, \"iterationSeconds\": [1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("RESULT {\"medianIteration\"");
  }

  @Test
  void aMissingFigureIsNamed() {
    String withoutRecall = LINE.replace(", \"recall@10\": 0.21", "");

    assertThatThrownBy(() -> ImplicitResult.parse(withoutRecall))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'recall@10'");
  }

  @Test
  void aFigureThatIsNotANumberIsNamedWithItsValue() {
    String textual = LINE.replace("\"similarAllSeconds\": 0.25", "\"similarAllSeconds\": \"fast\"");

    assertThatThrownBy(() -> ImplicitResult.parse(textual))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'similarAllSeconds'")
        .hasMessageContaining("\"fast\"");
  }

  @Test
  void aJsonArrayIsNotAResult() {
    assertThatThrownBy(() -> ImplicitResult.parse("RESULT [1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no JSON object");
  }
}
