package dev.encore.als;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Confidence;
import dev.encore.linalg.Gram;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConjugateGradientSolverTest {
  /**
   * Rows solved four at a time share only the passes over the Gram matrix: each row's factors are
   * the same floats as when it is solved alone, for short rows, a row past the gather limit
   * (gathered again segment by segment), an empty row, and k that do and do not fill the kernels'
   * 64- and 128-column passes.
   */
  @Test
  void rowsSolvedTogetherGetTheFloatsEachGetsAlone() {
    Random random = new Random(4);
    int fixedRows = 6_000;
    for (int k : new int[] {5, 16, 64, 80, 128, 256}) {
      float[] fixed = new float[fixedRows * k];
      for (int i = 0; i < fixed.length; i++) {
        fixed[i] = (random.nextFloat() - 0.5f) * 0.3f;
      }
      float[] gram = Gram.toFloat(Gram.compute(fixed, fixedRows, k, 1));
      int[] lengths = {3, 40, 0, 5_000, 17, 160};
      int[] indptr = new int[lengths.length + 1];
      for (int r = 0; r < lengths.length; r++) {
        indptr[r + 1] = indptr[r] + lengths[r];
      }
      int[] columns = new int[indptr[lengths.length]];
      float[] values = new float[columns.length];
      for (int r = 0; r < lengths.length; r++) {
        int[] row = random.ints(0, fixedRows).distinct().limit(lengths[r]).sorted().toArray();
        System.arraycopy(row, 0, columns, indptr[r], row.length);
        for (int p = indptr[r]; p < indptr[r + 1]; p++) {
          values[p] = 1 + random.nextInt(30);
        }
      }
      EntryConfidences confidences = EntryConfidences.of(Confidence.log(2f, 1f), values);
      float[] start = new float[lengths.length * k];
      for (int i = 0; i < start.length; i++) {
        start[i] = random.nextFloat() * 0.05f;
      }
      float[] lambdas = {0.05f, 0.1f, 0.02f, 0.5f, 0.05f, 1f};

      float[] alone = start.clone();
      ConjugateGradientSolver single = new ConjugateGradientSolver(k, 3, fixedRows);
      for (int r = 0; r < lengths.length; r++) {
        single.solveRow(gram, fixed, columns, values, confidences, indptr[r], indptr[r + 1], lambdas[r], alone,
            r * k);
      }
      float[] together = start.clone();
      ConjugateGradientSolver grouped = new ConjugateGradientSolver(k, 3, fixedRows);
      for (int first = 0; first < lengths.length; first += ConjugateGradientSolver.GROUP) {
        int count = Math.min(ConjugateGradientSolver.GROUP, lengths.length - first);
        grouped.solveRows(gram, fixed, columns, values, confidences, Arrays.copyOfRange(indptr, first, first + count),
            Arrays.copyOfRange(indptr, first + 1, first + count + 1), Arrays.copyOfRange(lambdas, first, first + count),
            count, together, first * k);
      }
      assertThat(together).as("k = %d", k).isEqualTo(alone);
      assertThat(together).as("k = %d: the solve moved the factors", k).isNotEqualTo(start);
    }
  }
}
