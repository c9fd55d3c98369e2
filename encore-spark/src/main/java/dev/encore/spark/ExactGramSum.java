package dev.encore.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A sum of per-block Gram matrices that does not depend on the order it is added in. Spark's
 * tree aggregate merges partial results in whatever order tasks finish, and double addition is
 * not associative, so a plain double sum would make training vary from run to run. Each double
 * converts to a {@link BigDecimal} exactly and BigDecimal addition is exact, so any merge order
 * gives the same sum, rounded to double once at the end. A merge costs k^2 additions, a few per
 * block per half-step: nothing beside the solves.
 */
final class ExactGramSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BigDecimal[] sum;

  ExactGramSum(int k) {
    sum = new BigDecimal[k * k];
    Arrays.fill(sum, BigDecimal.ZERO);
  }

  ExactGramSum add(double[] gram) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] = sum[i].add(new BigDecimal(gram[i]));
    }
    return this;
  }

  ExactGramSum merge(ExactGramSum other) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] = sum[i].add(other.sum[i]);
    }
    return this;
  }

  double[] toDoubles() {
    double[] gram = new double[sum.length];
    for (int i = 0; i < sum.length; i++) {
      gram[i] = sum[i].doubleValue();
    }
    return gram;
  }
}
