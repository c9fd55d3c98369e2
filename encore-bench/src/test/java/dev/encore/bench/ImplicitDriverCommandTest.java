package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.Solver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitDriverCommandTest {
  private static final Path RUN = Path.of("/peers/implicit/run.sh");
  private static final Path TRAIN = Path.of("/work/implicit/train.tsv");
  private static final Path TEST = Path.of("/work/implicit/test.tsv");

  private static ChildRequest request(Solver solver, int cgSteps) {
    RunSettings settings = new RunSettings(StandardDataset.SYNTH_10M, 64, 15, 0.05f, 2f, solver, cgSteps, 2, "1g",
        50, 0, 0);
    return settings.request(BenchedSystem.IMPLICIT, Path.of("/data/synth-10m.tsv"), Path.of("/work"));
  }

  @Test
  void driverGetsTheRunsObjectiveAndEncoresConfidence() {
    List<String> command = ImplicitDriverCommand.of(RUN, request(Solver.CG, 3), TRAIN, TEST);

    assertThat(command).containsExactly("/peers/implicit/run.sh", "--train", "/work/implicit/train.tsv",
        "--test", "/work/implicit/test.tsv", "--factors", "64", "--iterations", "15", "--solver", "cg",
        "--confidence", "linear", "--alpha", "2.0", "--reg", "0.05", "--threads", "2", "--tasks", "all");
  }

  @Test
  void choleskyIsPassedAsTheDriversSolverName() {
    List<String> command = ImplicitDriverCommand.of(RUN, request(Solver.CHOLESKY, 3), TRAIN, TEST);

    assertThat(command.get(command.indexOf("--solver") + 1)).isEqualTo("cholesky");
  }

  @Test
  void otherCgStepsThanTheDriversAreRefusedRatherThanSilentlyChanged() {
    assertThatThrownBy(() -> ImplicitDriverCommand.of(RUN, request(Solver.CG, 5), TRAIN, TEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cg-steps 5")
        .hasMessageContaining("3 steps");
  }

  @Test
  void choleskyIgnoresTheCgSteps() {
    assertThat(ImplicitDriverCommand.of(RUN, request(Solver.CHOLESKY, 5), TRAIN, TEST)).contains("cholesky");
  }
}
