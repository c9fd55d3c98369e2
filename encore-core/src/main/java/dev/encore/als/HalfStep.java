package dev.encore.als;

import dev.encore.concurrent.Workers;
import dev.encore.data.Csr;
import dev.encore.linalg.Gram;

/**
 * One half-step of ALS over a set of rows: every row of {@code rows} is solved with the other
 * side's factors {@code fixed} held constant, by the exact or the conjugate-gradient solver that
 * {@link AlsConfig#solver()} names (exact, conjugate-gradient or subspace). The single-node trainer calls it with whole matrices; the
 * Spark job calls it inside each executor with one block's rows, whose column indices point into
 * the factor rows that block received. Either way the same solver code runs.
 */
public final class HalfStep {
  private static final int TASKS_PER_THREAD = 8;

  private HalfStep() {}

  /** A row's work beyond its entries, in entries: the solve's cost over an entry's. */
  private static long rowCostInEntries(AlsConfig config) {
    int k = config.factors();
    int block = config.effectiveBlockSize();
    return switch (config.solver()) {
      case CG -> Math.max(1, k / 2);
      case CHOLESKY -> k;
      // multiply-adds: per row k^2 + k b^2 / 6 against k b / 2 per entry (SubspaceSolver)
      case SUBSPACE -> 2L * k / block + block / 3;
    };
  }

  /**
   * Solves every row of {@code rows} into {@code target} (row r at {@code r * k}), using
   * {@code config.threads()} threads.
   *
   * @param gram the k x k Gram matrix of the whole other side, not only of {@code fixed}
   * @param otherSideRows how many rows the whole other side has (for frequency-scaled lambda)
   * @param fixed the other side's factor rows that the columns of {@code rows} index, row-major
   * @param target read as the warm start of the CG and subspace solvers, then overwritten with the solution
   */
  public static void solve(AlsConfig config, double[] gram, long otherSideRows, Csr rows,
      EntryConfidences confidences, float[] fixed, float[] target) {
    int k = config.factors();
    double[] weightedGram = config.weightedGram(gram);
    int fixedRows = fixed.length / k;
    int[] bounds = Workers.partitionByWork(rows.indptr(), rows.rows(), config.threads() * TASKS_PER_THREAD,
        rowCostInEntries(config));
    int[] columns = rows.indices();
    float[] values = rows.values();
    if (config.solver() == Solver.CHOLESKY) {
      Workers.run(config.threads(), bounds.length - 1, task -> {
        NormalEquations equations = new NormalEquations(k);
        for (int r = bounds[task]; r < bounds[task + 1]; r++) {
          equations.build(weightedGram, fixed, columns, values, confidences, rows.rowStart(r), rows.rowEnd(r),
              config.regularizationFor(rows.rowLength(r), otherSideRows));
          equations.solveRow(target, r * k);
        }
      });
    } else if (config.solver() == Solver.SUBSPACE) {
      float[] gramFloat = Gram.toFloat(weightedGram);
      Workers.run(config.threads(), bounds.length - 1, task -> new SubspaceSolver(k, config.effectiveBlockSize())
          .solveRows(config, gramFloat, otherSideRows, rows, confidences, fixed, target, bounds[task],
              bounds[task + 1]));
    } else {
      float[] gramFloat = Gram.toFloat(weightedGram);
      Workers.run(config.threads(), bounds.length - 1, task -> {
        ConjugateGradientSolver solver = new ConjugateGradientSolver(k, config.cgSteps(), fixedRows);
        int group = ConjugateGradientSolver.GROUP;
        int[] from = new int[group];
        int[] to = new int[group];
        float[] lambdas = new float[group];
        for (int first = bounds[task]; first < bounds[task + 1]; first += group) {
          int count = Math.min(group, bounds[task + 1] - first);
          for (int g = 0; g < count; g++) {
            from[g] = rows.rowStart(first + g);
            to[g] = rows.rowEnd(first + g);
            lambdas[g] = config.regularizationFor(rows.rowLength(first + g), otherSideRows);
          }
          solver.solveRows(gramFloat, fixed, columns, values, confidences, from, to, lambdas, count, target,
              first * k);
        }
      });
    }
  }
}
