package dev.encore.bench;

import dev.encore.als.Solver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of implicit's driver (run.sh, which builds implicit if needed and runs
 * bench_implicit.py) for one run's settings, so implicit solves Encore's objective: the same
 * factors, iterations, solver, lambda (unscaled), threads and linear confidence c = 1 + alpha r.
 * The driver gets Encore's alpha and confidence name and converts them to implicit's convention
 * (the matrix value is c itself, implicit's own alpha 1) itself; it fixes CG at 3 steps.
 */
final class ImplicitDriverCommand {
  /** The CG steps bench_implicit.py sets on implicit's model; it has no option for them. */
  static final int DRIVER_CG_STEPS = 3;

  private ImplicitDriverCommand() {}

  /**
   * run.sh and its arguments for {@code request} on the split files {@code train} and {@code test}.
   *
   * @throws IllegalArgumentException when the request asks for what the driver cannot do
   */
  static List<String> of(Path runScript, ChildRequest request, Path train, Path test) {
    if (request.solver() == Solver.CG && request.cgSteps() != DRIVER_CG_STEPS) {
      throw new IllegalArgumentException("implicit's driver runs conjugate gradient with " + DRIVER_CG_STEPS
          + " steps only; --cg-steps " + request.cgSteps() + " would make it a different solver (use --cg-steps "
          + DRIVER_CG_STEPS + " or --no-implicit)");
    }
    List<String> command = new ArrayList<>(List.of(runScript.toString(),
        "--train", train.toString(),
        "--test", test.toString(),
        "--factors", String.valueOf(request.factors()),
        "--iterations", String.valueOf(request.iterations()),
        "--solver", request.solver().toString(),
        "--confidence", "linear",
        "--alpha", String.valueOf(request.alpha()),
        "--reg", String.valueOf(request.regularization()),
        "--threads", String.valueOf(request.threads()),
        "--tasks", "all"));
    return List.copyOf(command);
  }
}
