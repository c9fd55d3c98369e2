package dev.encore.als;

import dev.encore.concurrent.Workers;
import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.linalg.Gram;
import dev.encore.linalg.Vectors;
import dev.encore.model.FactorModel;
import java.util.SplittableRandom;

/**
 * Implicit-feedback ALS of Hu, Koren and Volinsky (2008). Minimises
 * {@code sum_ui c_ui (p_ui - x_u . y_i)^2 + lambda (sum |x_u|^2 + sum |y_i|^2)} (with lambda
 * scaled per row by its entry count when ALS-WR is on) by alternating exact or conjugate-gradient
 * solves of each side with the other fixed. Each iteration solves items first, then users, so the
 * returned user factors are the solution for the returned item factors: folding a user's plays
 * back in reproduces their row.
 *
 * <p>Deterministic for a fixed seed: each row's solve reads only the previous half-step's
 * factors and writes its own row, and Gram sums are formed in a fixed block order.
 */
public final class AlsTrainer {
  private static final int TASKS_PER_THREAD = 8;
  private static final float INITIAL_SCALE = 0.01f;

  private final AlsConfig config;

  public AlsTrainer(AlsConfig config) {
    this.config = config;
  }

  public AlsConfig config() {
    return config;
  }

  public FactorModel fit(Interactions data) {
    return fit(data, TrainingListener.NONE);
  }

  public FactorModel fit(Interactions data, TrainingListener listener) {
    int k = config.factors();
    int userCount = data.users().size();
    int itemCount = data.items().size();
    Csr userItems = data.userItems();
    Csr itemUsers = data.itemUsers();
    EntryConfidences userConfidence = EntryConfidences.of(config.confidence(), userItems.values());
    EntryConfidences itemConfidence = EntryConfidences.of(config.confidence(), itemUsers.values());
    float[] userFactors = initialFactors(userCount, k, config.seed());
    float[] itemFactors = initialFactors(itemCount, k, config.seed() ^ 0x9E3779B97F4A7C15L);

    listener.started(config, userCount, itemCount, data.nnz());
    for (int iteration = 1; iteration <= config.iterations(); iteration++) {
      long start = System.nanoTime();
      halfStep(itemUsers, itemConfidence, userFactors, userCount, itemFactors);
      halfStep(userItems, userConfidence, itemFactors, itemCount, userFactors);
      double seconds = (System.nanoTime() - start) / 1e9;
      double loss = config.computeLoss()
          ? loss(config, userItems, userConfidence, itemUsers, userFactors, itemFactors)
          : Double.NaN;
      listener.iterationFinished(new IterationStats(iteration, config.iterations(), seconds, loss));
    }
    return new FactorModel(data.users(), data.items(), k, userFactors, itemFactors, userItems, config);
  }

  /** Uniform in [0, 0.01): small enough that the first half-step is driven by the data. */
  static float[] initialFactors(int rows, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] factors = new float[rows * k];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = (float) random.nextDouble() * INITIAL_SCALE;
    }
    return factors;
  }

  /** Solves every row of {@code target} with {@code fixed} held constant. */
  private void halfStep(Csr rows, EntryConfidences confidences, float[] fixed, int fixedRows, float[] target) {
    int k = config.factors();
    double[] gram = Gram.compute(fixed, fixedRows, k, config.threads());
    int[] bounds = Workers.partitionByWork(rows.indptr(), rows.rows(), config.threads() * TASKS_PER_THREAD,
        config.solver() == Solver.CHOLESKY ? k : Math.max(1, k / 2));
    int[] columns = rows.indices();
    float[] values = rows.values();
    if (config.solver() == Solver.CHOLESKY) {
      Workers.run(config.threads(), bounds.length - 1, task -> {
        NormalEquations equations = new NormalEquations(k);
        for (int r = bounds[task]; r < bounds[task + 1]; r++) {
          equations.build(gram, fixed, columns, values, confidences, rows.rowStart(r), rows.rowEnd(r),
              config.regularizationFor(rows.rowLength(r)));
          equations.solveRow(target, r * k);
        }
      });
    } else {
      float[] gramFloat = Gram.toFloat(gram);
      Workers.run(config.threads(), bounds.length - 1, task -> {
        ConjugateGradientSolver solver = new ConjugateGradientSolver(k, config.cgSteps(), fixedRows);
        for (int r = bounds[task]; r < bounds[task + 1]; r++) {
          solver.solveRow(gramFloat, fixed, columns, values, confidences, rows.rowStart(r), rows.rowEnd(r),
              config.regularizationFor(rows.rowLength(r)), target, r * k);
        }
      });
    }
  }

  /**
   * The training loss, using {@code sum_ui s_ui^2 = sum_u x_u' (Y'Y) x_u} so that only observed
   * entries are visited: each adds {@code c (p - s)^2 - s^2} to correct the all-zero baseline.
   */
  static double loss(AlsConfig config, Csr userItems, EntryConfidences userConfidence, Csr itemUsers, float[] userFactors,
      float[] itemFactors) {
    int k = config.factors();
    double[] gram = Gram.compute(itemFactors, itemUsers.rows(), k, config.threads());
    int users = userItems.rows();
    int[] bounds = Workers.partitionByWork(userItems.indptr(), users, config.threads() * TASKS_PER_THREAD, k);
    double[] partial = new double[bounds.length - 1];
    Workers.run(config.threads(), partial.length, task -> {
      double sum = 0;
      for (int u = bounds[task]; u < bounds[task + 1]; u++) {
        int offset = u * k;
        for (int a = 0; a < k; a++) {
          double row = 0;
          for (int b = 0; b < k; b++) {
            row += gram[a * k + b] * userFactors[offset + b];
          }
          sum += userFactors[offset + a] * row;
        }
        for (int p = userItems.rowStart(u); p < userItems.rowEnd(u); p++) {
          double score = Vectors.dot(userFactors, offset, itemFactors, userItems.indices()[p] * k, k);
          double preference = Confidence.preference(userItems.values()[p]);
          double error = preference - score;
          sum += userConfidence.at(p) * error * error - score * score;
        }
        double norm = Vectors.dot(userFactors, offset, userFactors, offset, k);
        sum += config.regularizationFor(userItems.rowLength(u)) * norm;
      }
      partial[task] = sum;
    });
    double total = 0;
    for (double value : partial) {
      total += value;
    }
    for (int i = 0; i < itemUsers.rows(); i++) {
      double norm = Vectors.dot(itemFactors, i * k, itemFactors, i * k, k);
      total += config.regularizationFor(itemUsers.rowLength(i)) * norm;
    }
    return total;
  }
}
