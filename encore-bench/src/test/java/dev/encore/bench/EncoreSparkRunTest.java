package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encore-spark child in-process: Encore's solver on Spark, scored by Encore's evaluator. */
class EncoreSparkRunTest {
  @TempDir
  Path folder;

  @Test
  void encoreSparkChildScoresAsTheSingleNodeChild() throws Exception {
    Path data = TinyData.write(folder);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ChildFigures distributed = EncoreSparkRun.run(
        TinyData.settings().request(BenchedSystem.ENCORE_SPARK, data, folder.resolve("spark-work")), quiet);
    ChildFigures single = EncoreRun.run(
        TinyData.settings().request(BenchedSystem.ENCORE, data, folder.resolve("encore-work")), quiet);

    assertThat(distributed.iterationSeconds()).hasSize(TinyData.settings().iterations());
    assertThat(distributed.secondsPerIteration()).isPositive();
    assertThat(distributed.trainNnz()).isEqualTo(single.trainNnz());
    assertThat(distributed.evaluatedUsers()).isEqualTo(single.evaluatedUsers());
    assertThat(distributed.precisionAt10()).isCloseTo(single.precisionAt10(), within(0.02 * single.precisionAt10()));
    assertThat(distributed.notes()).anySatisfy(note -> assertThat(note).contains("shuffle"));
  }
}
