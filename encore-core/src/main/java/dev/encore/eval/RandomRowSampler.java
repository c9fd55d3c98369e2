package dev.encore.eval;

import dev.encore.data.Csr;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Picks a number of random entries from every user's row: the shared core of the stratified
 * splits, which differ only in how many entries a user of a given size holds out.
 */
final class RandomRowSampler {
  private RandomRowSampler() {}

  /**
   * The entry positions to hold out: {@code testCount.applyAsInt(rowLength)} distinct random
   * entries of each row, chosen by a partial Fisher-Yates shuffle with one generator walking the
   * users in order, so a seed always gives the same positions.
   */
  static BitSet pick(Csr matrix, long seed, IntUnaryOperator testCount) {
    BitSet inTest = new BitSet(matrix.nnz());
    SplittableRandom random = new SplittableRandom(seed);
    int[] positions = new int[0];
    for (int user = 0; user < matrix.rows(); user++) {
      int length = matrix.rowLength(user);
      int count = testCount.applyAsInt(length);
      if (count <= 0) {
        continue;
      }
      if (positions.length < length) {
        positions = new int[Math.max(length, positions.length * 2)];
      }
      int start = matrix.rowStart(user);
      for (int j = 0; j < length; j++) {
        positions[j] = start + j;
      }
      for (int j = 0; j < count; j++) {
        int chosen = j + random.nextInt(length - j);
        int position = positions[chosen];
        positions[chosen] = positions[j];
        positions[j] = position;
        inTest.set(position);
      }
    }
    return inTest;
  }
}
