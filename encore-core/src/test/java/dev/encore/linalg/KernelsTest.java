package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every kernel implementation this JVM can run against a double-precision reference written
 * here, on lengths that exercise both the vector body and the scalar tail.
 */
class KernelsTest {
  private static final int[] LENGTHS = {1, 7, 15, 16, 17, 32, 48, 63, 64, 65, 80, 100, 128, 192, 256};

  static List<Kernels> implementations() {
    List<Kernels> all = new ArrayList<>();
    all.add(Kernels.scalar());
    if (KernelSelection.vectorModulePresent()) {
      all.add(new VectorKernels());
    }
    return all;
  }

  private static float[] random(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }

  @Test
  void theVectorPathIsTestedWhereverTheModuleIsPresent() {
    assertThat(implementations()).hasSize(KernelSelection.vectorModulePresent() ? 2 : 1);
    if (!Boolean.parseBoolean(System.getProperty("encore.simd", "true"))) {
      assertThat(Kernels.INSTANCE.name()).isEqualTo("scalar");
    }
  }

  @Test
  void dotAndAxpyMatchTheReference() {
    Random random = new Random(1);
    for (Kernels kernels : implementations()) {
      for (int length : LENGTHS) {
        float[] a = random(random, length + 5);
        float[] b = random(random, length + 3);
        double expected = 0;
        for (int i = 0; i < length; i++) {
          expected += (double) a[i + 5] * b[i + 3];
        }
        assertThat((double) kernels.dot(a, 5, b, 3, length)).as("%s dot %d", kernels.name(), length)
            .isCloseTo(expected, within(1e-4));
        float[] y = b.clone();
        kernels.axpy(0.5f, a, 5, y, 3, length);
        for (int i = 0; i < length; i++) {
          assertThat(y[i + 3]).isCloseTo(b[i + 3] + 0.5f * a[i + 5], within(1e-6f));
        }
        assertThat(y[0]).isEqualTo(b[0]);
      }
    }
  }

  @Test
  void doubleDotAndAxpyMatchTheReference() {
    Random random = new Random(11);
    for (Kernels kernels : implementations()) {
      for (int length : LENGTHS) {
        double[] a = random.doubles(length + 5, -1, 1).toArray();
        double[] b = random.doubles(length + 3, -1, 1).toArray();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < length; i++) {
          exact = exact.add(new BigDecimal(a[i + 5]).multiply(new BigDecimal(b[i + 3])));
        }
        assertThat(kernels.dot(a, 5, b, 3, length)).as("%s dot %d", kernels.name(), length)
            .isCloseTo(exact.doubleValue(), within(1e-13));
        double[] y = b.clone();
        kernels.axpy(-0.25, a, 5, y, 3, length);
        for (int i = 0; i < length; i++) {
          assertThat(y[i + 3]).isCloseTo(b[i + 3] - 0.25 * a[i + 5], within(1e-15));
        }
        assertThat(y[0]).isEqualTo(b[0]);
        assertThat(y[1]).isEqualTo(b[1]);
        assertThat(y[2]).isEqualTo(b[2]);
      }
    }
  }

  @Test
  void weightedGramMatchesTheSumOfWeightedOuterProductsOnTheUpperTriangle() {
    Random random = new Random(13);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {1, 3, 8, 16, 20, 33, 64, 72}) {
        for (int count : new int[] {0, 1, 5, 40}) {
          int pool = 50;
          float[] rows = random(random, pool * k);
          int[] offsets = random.ints(count, 0, pool).map(row -> row * k).toArray();
          float[] weights = random(random, count);
          float[] out = random(random, k * k);
          kernels.weightedGram(rows, offsets, weights, count, k, out);
          for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
              double expected = 0;
              for (int p = 0; p < count; p++) {
                expected += (double) weights[p] * rows[offsets[p] + a] * rows[offsets[p] + b];
              }
              assertThat((double) out[a * k + b]).as("%s k %d count %d at (%d, %d)", kernels.name(), k, count, a, b)
                  .isCloseTo(expected, within(1e-4));
            }
          }
        }
      }
    }
  }

  @Test
  void subtractPivotRowsUpdatesTheUpperTriangleOfTheRowsBelowThePivots() {
    Random random = new Random(12);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {1, 5, 8, 13, 16, 31, 64, 67}) {
        for (int pivots : new int[] {1, 3, 4, 8}) {
          for (int pivotFrom = 0; pivotFrom + pivots <= k; pivotFrom += Math.max(1, k / 3)) {
            int pivotTo = pivotFrom + pivots;
            double[] a = random.doubles((long) k * k, -1, 1).toArray();
            double[] updated = a.clone();
            kernels.subtractPivotRows(updated, k, pivotFrom, pivotTo, pivotTo, k);
            for (int i = 0; i < k; i++) {
              for (int c = 0; c < k; c++) {
                double expected = a[i * k + c];
                if (i >= pivotTo && c >= i) {
                  for (int j = pivotFrom; j < pivotTo; j++) {
                    expected -= a[j * k + i] * a[j * k + c];
                  }
                }
                boolean scratch = i >= pivotTo && c < i && c >= i - i % 8;
                if (!scratch) {
                  assertThat(updated[i * k + c]).as("%s k %d pivots [%d, %d) at (%d, %d)", kernels.name(), k,
                      pivotFrom, pivotTo, i, c).isCloseTo(expected, within(1e-14));
                }
              }
            }
          }
        }
      }
    }
  }

  /** Panels of 1, 3 and 8 rows, on and off the double vector's width, at sizes around it. */
  private static List<int[]> panels(int k) {
    List<int[]> panels = new ArrayList<>();
    for (int rows : new int[] {1, 3, 8}) {
      for (int from : new int[] {0, 5, 8, 16, k - rows}) {
        if (from >= 0 && from + rows <= k) {
          panels.add(new int[] {from, from + rows});
        }
      }
    }
    return panels;
  }

  @Test
  void dividePanelSolvesThePanelRowsAgainstTheirDiagonalBlock() {
    Random random = new Random(13);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {3, 8, 13, 16, 24, 31, 64, 67}) {
        for (int[] panel : panels(k)) {
          int from = panel[0];
          int to = panel[1];
          double[] a = random.doubles((long) k * k, -1, 1).toArray();
          for (int j = from; j < to; j++) {
            a[j * k + j] = random.nextDouble(0.5, 2);
          }
          double[] divided = a.clone();
          kernels.dividePanel(divided, k, from, to);
          double[] expected = a.clone();
          for (int j = from; j < to; j++) {
            for (int c = to; c < k; c++) {
              double x = a[j * k + c];
              for (int p = from; p < j; p++) {
                x -= a[p * k + j] * expected[p * k + c];
              }
              expected[j * k + c] = x / a[j * k + j];
            }
          }
          for (int cell = 0; cell < k * k; cell++) {
            assertThat(divided[cell]).as("%s k %d panel [%d, %d) cell (%d, %d)", kernels.name(), k, from, to,
                cell / k, cell % k).isCloseTo(expected[cell], within(1e-12));
          }
        }
      }
    }
  }

  @Test
  void panelProductsMatchTheSubstitutionSums() {
    Random random = new Random(14);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {3, 8, 13, 16, 24, 31, 64, 67}) {
        for (int[] panel : panels(k)) {
          int from = panel[0];
          int to = panel[1];
          double[] factor = random.doubles((long) k * k, -1, 1).toArray();
          double[] b = random.doubles(k, -1, 1).toArray();
          double[] subtracted = b.clone();
          kernels.subtractPanelProduct(factor, k, from, to, subtracted);
          double[] backward = b.clone();
          kernels.subtractTailProducts(factor, k, from, to, backward);
          for (int c = 0; c < k; c++) {
            double expected = b[c];
            if (c >= to) {
              for (int p = from; p < to; p++) {
                expected -= b[p] * factor[p * k + c];
              }
            }
            assertThat(subtracted[c]).as("%s k %d panel [%d, %d) b[%d]", kernels.name(), k, from, to, c)
                .isCloseTo(expected, within(1e-12));
          }
          for (int j = 0; j < k; j++) {
            double expected = b[j];
            for (int c = to; c < k && j >= from && j < to; c++) {
              expected -= factor[j * k + c] * b[c];
            }
            assertThat(backward[j]).as("%s k %d panel [%d, %d) row %d", kernels.name(), k, from, to, j)
                .isCloseTo(expected, within(1e-12));
          }
        }
      }
    }
  }

  @Test
  void symmetricMultiplyMatchesTheReference() {
    Random random = new Random(2);
    for (Kernels kernels : implementations()) {
      for (int k : LENGTHS) {
        float[] rows = random(random, 3 * k);
        double[] expected = new double[k * k];
        float[] scales = {1f, -2f, 0.5f};
        for (int r = 0; r < 3; r++) {
          for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
              expected[a * k + b] += scales[r] * (double) rows[r * k + a] * rows[r * k + b];
            }
          }
        }
        // A symmetric matrix, the sum of three weighted outer products.
        float[] matrix = new float[k * k];
        for (int i = 0; i < k * k; i++) {
          matrix[i] = (float) expected[i];
        }
        // Six vectors after an offset of 2, each with its own shift: checked against the reference,
        // and each row's floats the same whether it is multiplied alone or with the others.
        int count = 6;
        float[] vectors = random(random, 2 + count * k);
        float[] shifts = {0.25f, -1f, 0f, 2f, 0.5f, 3f};
        float[] out = new float[count * k];
        kernels.symmetricMultiplyRows(matrix, vectors, 2, count, shifts, out, k);
        for (int g = 0; g < count; g++) {
          for (int a = 0; a < k; a++) {
            double sum = shifts[g] * vectors[2 + g * k + a];
            for (int b = 0; b < k; b++) {
              sum += expected[a * k + b] * vectors[2 + g * k + b];
            }
            assertThat((double) out[g * k + a]).as("%s gemv k=%d vector %d row %d", kernels.name(), k, g, a)
                .isCloseTo(sum, within(1e-4));
          }
          for (int together : new int[] {1, 3}) {
            int first = Math.min(g, count - together);
            float[] alone = new float[together * k];
            kernels.symmetricMultiplyRows(matrix, vectors, 2 + first * k, together,
                java.util.Arrays.copyOfRange(shifts, first, first + together), alone, k);
            assertThat(java.util.Arrays.copyOfRange(alone, (g - first) * k, (g - first + 1) * k))
                .as("%s k=%d vector %d in a call of %d", kernels.name(), k, g, together)
                .isEqualTo(java.util.Arrays.copyOfRange(out, g * k, (g + 1) * k));
          }
        }
      }
    }
  }

  @Test
  void weightedSlicesAndShortDotsMatchTheReference() {
    Random random = new Random(15);
    for (Kernels kernels : implementations()) {
      for (int width : new int[] {1, 7, 16, 20, 32}) {
        for (int count : new int[] {0, 1, 9}) {
          float[] rows = random(random, 40 * 64);
          int[] offsets = new int[count + 2];
          for (int e = 0; e < offsets.length; e++) {
            offsets[e] = random.nextInt(40) * 64 + random.nextInt(8);
          }
          float[] weights = random(random, count);
          float[] out = random(random, width + 5);
          double[] expected = new double[width];
          for (int a = 0; a < width; a++) {
            expected[a] = out[3 + a];
            for (int e = 0; e < count; e++) {
              expected[a] += (double) weights[e] * rows[offsets[e] + a];
            }
          }
          float before = out[2];
          kernels.addWeightedSlices(rows, offsets, weights, count, width, out, 3);
          for (int a = 0; a < width; a++) {
            assertThat((double) out[3 + a]).as("%s slices width=%d count=%d column %d", kernels.name(), width, count, a)
                .isCloseTo(expected[a], within(1e-5 * (count + 1)));
          }
          assertThat(out[2]).as("before the sum").isEqualTo(before);

          float[] vector = random(random, width + 4);
          float[] dots = random(random, count + 2);
          double[] expectedDots = new double[dots.length];
          for (int e = 0; e < dots.length; e++) {
            expectedDots[e] = dots[e];
            if (e >= 1 && e < 1 + count) {
              for (int a = 0; a < width; a++) {
                expectedDots[e] += (double) rows[offsets[e] + 5 + a] * vector[4 + a];
              }
            }
          }
          kernels.addDots(rows, offsets, 1, count, 5, vector, 4, width, dots);
          for (int e = 0; e < dots.length; e++) {
            assertThat((double) dots[e]).as("%s dots width=%d count=%d entry %d", kernels.name(), width, count, e)
                .isCloseTo(expectedDots[e], within(1e-5 * width));
          }
        }
      }
    }
  }

  @Test
  void systemsSolvedTogetherSatisfyTheirEquations() {
    Random random = new Random(13);
    int lanes = Kernels.SYSTEMS;
    for (Kernels kernels : implementations()) {
      for (int n : new int[] {1, 5, 16, 33}) {
        for (int count : new int[] {1, 3, lanes}) {
          // A_g = M_g M_g' + n I: symmetric positive definite; the slots past count hold garbage.
          double[][] dense = new double[lanes][n * n];
          double[] systems = new double[n * n * lanes];
          double[] rhs = new double[n * lanes];
          double[][] b = new double[lanes][n];
          for (int g = 0; g < lanes; g++) {
            double[] m = new double[n * n];
            for (int i = 0; i < m.length; i++) {
              m[i] = random.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < n; j++) {
                double sum = i == j ? n : 0;
                for (int c = 0; c < n; c++) {
                  sum += m[i * n + c] * m[j * n + c];
                }
                dense[g][i * n + j] = sum;
                systems[(i * n + j) * lanes + g] = g < count ? (j >= i ? sum : Double.NaN) : -1;
              }
              b[g][i] = random.nextGaussian();
              rhs[i * lanes + g] = g < count ? b[g][i] : Double.NaN;
            }
          }
          kernels.solveSystems(systems, rhs, n, count);
          for (int g = 0; g < count; g++) {
            for (int i = 0; i < n; i++) {
              double product = 0;
              for (int j = 0; j < n; j++) {
                product += dense[g][i * n + j] * rhs[j * lanes + g];
              }
              assertThat(product).as("%s n=%d count=%d system %d row %d", kernels.name(), n, count, g, i)
                  .isCloseTo(b[g][i], within(1e-9 * n));
            }
          }
        }
      }
    }
  }

  @Test
  void systemsAreInterleavedIntoTheirSlots() {
    Random random = new Random(14);
    int lanes = Kernels.SYSTEMS;
    for (Kernels kernels : implementations()) {
      for (int n : new int[] {3, 8, 16, 24}) {
        int stride = n + 5;
        float[] matrix = random(random, 2 + n * stride);
        int spacing = n * n + 3;
        float[] corrections = random(random, lanes * spacing);
        int[] starts = new int[lanes];
        double[] shifts = new double[lanes];
        for (int g = 0; g < lanes; g++) {
          starts[g] = (lanes - 1 - g) * spacing;
          shifts[g] = 0.25 * g;
        }
        for (int count : new int[] {1, 5, lanes}) {
          double[] systems = new double[n * n * lanes];
          kernels.interleaveSystems(matrix, 2, stride, corrections, starts, shifts, n, count, systems);
          for (int g = 0; g < count; g++) {
            for (int a = 0; a < n; a++) {
              for (int b = a; b < n; b++) {
                double expected = (double) matrix[2 + a * stride + b] + corrections[starts[g] + a * n + b]
                    + (a == b ? shifts[g] : 0);
                assertThat(systems[(a * n + b) * lanes + g])
                    .as("%s n=%d count=%d system %d (%d, %d)", kernels.name(), n, count, g, a, b).isEqualTo(expected);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void aSystemThatIsNotPositiveDefiniteIsNamed() {
    int lanes = Kernels.SYSTEMS;
    for (Kernels kernels : implementations()) {
      double[] systems = new double[4 * lanes];
      double[] rhs = new double[2 * lanes];
      for (int g = 0; g < lanes; g++) {
        systems[g] = 4;
        systems[3 * lanes + g] = 9;
      }
      systems[3 * lanes + 2] = -1;
      assertThatThrownBy(() -> kernels.solveSystems(systems.clone(), rhs.clone(), 2, 3))
          .isInstanceOf(ArithmeticException.class).hasMessageContaining("matrix 2").hasMessageContaining("pivot 1");
      // The same garbage past the systems in use is not looked at.
      double[] two = systems.clone();
      kernels.solveSystems(two, rhs.clone(), 2, 2);
      assertThat(two[0]).as("1 / sqrt(4) on the diagonal").isEqualTo(0.5);
    }
  }

  @Test
  void aColumnSliceOfTheProductMatchesTheReference() {
    Random random = new Random(12);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {7, 16, 48, 100, 128}) {
        // A symmetric matrix, as the Gram matrices this multiplies are.
        float[] matrix = new float[k * k];
        for (int a = 0; a < k; a++) {
          for (int b = a; b < k; b++) {
            matrix[a * k + b] = random.nextFloat() * 2 - 1;
            matrix[b * k + a] = matrix[a * k + b];
          }
        }
        for (int count : new int[] {1, 8, 11, 17}) {
          float[] vectors = random(random, 3 + count * k);
          for (int[] slice : new int[][] {{0, k}, {k / 3, Math.min(k - k / 3, 16)}, {k / 2, k - k / 2},
              {1, Math.min(k - 1, 37)}}) {
            int from = slice[0];
            int width = slice[1];
            int stride = width + 2;
            float[] out = new float[count * stride];
            kernels.multiplyColumnSlice(matrix, k, from, width, vectors, 3, count, out, stride);
            for (int g = 0; g < count; g++) {
              for (int a = 0; a < width; a++) {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                  sum += (double) matrix[(from + a) * k + c] * vectors[3 + g * k + c];
                }
                assertThat((double) out[g * stride + a])
                    .as("%s k=%d count=%d columns %d+%d vector %d column %d", kernels.name(), k, count, from, width,
                        g, a)
                    .isCloseTo(sum, within(1e-4 * k));
              }
              assertThat(out[g * stride + width]).as("past the slice").isZero();
            }
          }
        }
      }
    }
  }

  @Test
  void outerProductsOfManyRowsMatchTheReference() {
    Random random = new Random(8);
    for (Kernels kernels : implementations()) {
      for (int k : LENGTHS) {
        for (int count : new int[] {1, 5, 16}) {
          float[] rows = random(random, 3 + count * k);
          float[] sum = random(random, k * k);
          double[] expected = new double[k * k];
          for (int i = 0; i < k * k; i++) {
            expected[i] = sum[i];
          }
          for (int r = 0; r < count; r++) {
            for (int a = 0; a < k; a++) {
              for (int b = 0; b < k; b++) {
                expected[a * k + b] += (double) rows[3 + r * k + a] * rows[3 + r * k + b];
              }
            }
          }
          kernels.addOuterProducts(rows, 3, count, sum, k);
          // The upper triangle and the diagonal are summed; the caller mirrors the rest.
          for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
              assertThat((double) sum[a * k + b]).as("%s k=%d count=%d cell (%d, %d)", kernels.name(), k, count, a, b)
                  .isCloseTo(expected[a * k + b], within(1e-5 * (1 + count)));
            }
          }
        }
      }
    }
  }

  @Test
  void weightedRowSumsMatchTheReference() {
    Random random = new Random(5);
    for (Kernels kernels : implementations()) {
      for (int k : LENGTHS) {
        for (int count : new int[] {0, 1, 5, 37}) {
          for (boolean withOffsets : new boolean[] {true, false}) {
            float[] rows = random(random, count * k);
            float[] offsets = withOffsets ? random(random, count) : null;
            float[] slopes = random(random, count);
            float[] vector = random(random, k + 3);
            float[] start = random(random, k);
            double[] expected = new double[k];
            for (int a = 0; a < k; a++) {
              expected[a] = start[a];
            }
            for (int j = 0; j < count; j++) {
              double along = 0;
              for (int a = 0; a < k; a++) {
                along += (double) rows[j * k + a] * vector[3 + a];
              }
              double weight = (withOffsets ? offsets[j] : 0) + slopes[j] * along;
              for (int a = 0; a < k; a++) {
                expected[a] += weight * rows[j * k + a];
              }
            }
            // The sums land at the vector's offset; the cells around them stay as they were.
            float[] out = random(random, k + 5);
            float[] before = out.clone();
            System.arraycopy(start, 0, out, 3, k);
            kernels.addWeightedRows(rows, count, k, offsets, slopes, vector, 3, out);
            for (int a = 0; a < k; a++) {
              assertThat((double) out[3 + a]).as("%s k=%d count=%d offsets=%s lane %d", kernels.name(), k, count,
                  withOffsets, a).isCloseTo(expected[a], within(1e-3 + 1e-5 * count * k));
            }
            assertThat(java.util.Arrays.copyOfRange(out, 0, 3)).isEqualTo(java.util.Arrays.copyOfRange(before, 0, 3));
            assertThat(java.util.Arrays.copyOfRange(out, 3 + k, k + 5))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 3 + k, k + 5));
          }
        }
      }
    }
  }

  @Test
  void closenessTermsMatchTheReferenceAndSkipMissingValues() {
    Random random = new Random(6);
    for (Kernels kernels : implementations()) {
      for (int count : LENGTHS) {
        float[] values = random(random, count + 4);
        for (int i = 4; i < values.length; i += 3) {
          values[i] = Float.NaN;
        }
        values[values.length - 1] = 40f; // exp underflows to 0, but the weight still counts
        float[] closeness = random(random, count);
        float[] weights = random(random, count);
        float[] closenessBefore = closeness.clone();
        float[] weightsBefore = weights.clone();
        kernels.addCloseness(values, 4, count, 0.25f, 1.5f, 0.75f, closeness, weights);
        for (int i = 0; i < count; i++) {
          float value = values[4 + i];
          double deviation = value - 0.25;
          double expectedCloseness = Float.isNaN(value) ? closenessBefore[i]
              : closenessBefore[i] + 0.75 * Math.exp(-deviation * deviation * 1.5);
          double expectedWeight = Float.isNaN(value) ? weightsBefore[i] : weightsBefore[i] + 0.75;
          assertThat((double) closeness[i]).as("%s count %d track %d", kernels.name(), count, i)
              .isCloseTo(expectedCloseness, within(1e-6));
          assertThat((double) weights[i]).isCloseTo(expectedWeight, within(1e-6));
        }
      }
    }
  }

  @Test
  void panelScoresEqualRowDotProducts() {
    Random random = new Random(3);
    for (Kernels kernels : implementations()) {
      for (int k : new int[] {1, 5, 16, 64, 65}) {
        for (int rows : new int[] {1, 15, 16, 17, 40, 70, 100, 129}) {
          float[] factors = random(random, rows * k);
          FactorPanels panels = FactorPanels.of(factors, rows, k, false);
          float[] query = random(random, k + 1);
          float[] out = new float[panels.blocks() * Kernels.PANEL_WIDTH];
          kernels.scorePanels(query, 1, panels.array(), k, 0, panels.blocks(), out, 0);
          for (int r = 0; r < rows; r++) {
            double expected = 0;
            for (int a = 0; a < k; a++) {
              expected += (double) query[1 + a] * factors[r * k + a];
            }
            assertThat((double) out[r]).as("%s k=%d rows=%d row %d", kernels.name(), k, rows, r)
                .isCloseTo(expected, within(1e-4));
          }
          for (int r = rows; r < out.length; r++) {
            assertThat(out[r]).isZero();
          }
          float[] pair = random(random, 2 * k);
          float[] first = new float[out.length];
          float[] second = new float[out.length];
          kernels.scorePanelsPair(pair, 0, k, panels.array(), k, 0, panels.blocks(), first, second);
          float[] single = new float[out.length];
          for (int q = 0; q < 2; q++) {
            kernels.scorePanels(pair, q * k, panels.array(), k, 0, panels.blocks(), single, 0);
            float[] paired = q == 0 ? first : second;
            for (int r = 0; r < rows; r++) {
              assertThat(paired[r]).as("%s pair query %d row %d", kernels.name(), q, r).isCloseTo(single[r], within(1e-5f));
            }
          }
          // Four queries at once give the very floats one query at a time does: evaluation counts ranks on that.
          float[] four = random(random, 4 * k);
          float[][] quad = new float[4][out.length];
          kernels.scorePanelsQuad(four, 0, panels.array(), k, 0, panels.blocks(), quad);
          for (int q = 0; q < 4; q++) {
            kernels.scorePanels(four, q * k, panels.array(), k, 0, panels.blocks(), single, 0);
            for (int r = 0; r < rows; r++) {
              assertThat(quad[q][r]).as("%s quad query %d row %d", kernels.name(), q, r).isEqualTo(single[r]);
            }
          }
        }
      }
    }
  }

  @Test
  void normalizedPanelsHoldUnitRows() {
    float[] factors = {3, 4, 0, 0, 1, 0};
    FactorPanels panels = FactorPanels.of(factors, 3, 2, true);
    float[] out = new float[Kernels.PANEL_WIDTH];
    Kernels.scalar().scorePanels(new float[] {0.6f, 0.8f}, 0, panels.array(), 2, 0, 1, out, 0);
    assertThat(out[0]).isCloseTo(1f, within(1e-6f));
    assertThat(out[1]).isZero();
    assertThat(out[2]).isCloseTo(0.6f, within(1e-6f));
  }

  @Test
  void maxIntoKeepsTheLargerOfEachPair() {
    Random random = new Random(15);
    for (Kernels kernels : implementations()) {
      for (int length : LENGTHS) {
        float[] scores = random(random, length);
        float[] max = random(random, length + 3);
        float[] before = max.clone();
        kernels.maxInto(scores, max, length);
        for (int i = 0; i < length + 3; i++) {
          float expected = i < length ? Math.max(before[i], scores[i]) : before[i];
          assertThat(max[i]).as("%s length %d at %d", kernels.name(), length, i).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void multiplyIntoScalesEachValueInItsRangeAndNothingElse() {
    Random random = new Random(16);
    for (Kernels kernels : implementations()) {
      for (int length : LENGTHS) {
        float[] values = random(random, length + 5);
        float[] factors = random(random, length + 7);
        float[] before = values.clone();
        kernels.multiplyInto(values, 2, factors, 7 - 2, length);
        for (int i = 0; i < length + 5; i++) {
          float expected = i >= 2 && i < 2 + length ? before[i] * factors[i + 3] : before[i];
          assertThat(values[i]).as("%s length %d at %d", kernels.name(), length, i).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void firstAboveFindsTheFirstStrictlyGreaterScore() {
    for (Kernels kernels : implementations()) {
      float[] scores = new float[70];
      scores[40] = 2f;
      scores[41] = 3f;
      scores[69] = 5f;
      scores[3] = Float.NaN;
      assertThat(kernels.firstAbove(scores, 0, 70, 1f)).isEqualTo(40);
      assertThat(kernels.firstAbove(scores, 41, 70, 2f)).isEqualTo(41);
      assertThat(kernels.firstAbove(scores, 42, 70, 3f)).isEqualTo(69);
      assertThat(kernels.firstAbove(scores, 0, 69, 3f)).isEqualTo(69);
      assertThat(kernels.firstAbove(scores, 0, 70, 5f)).isEqualTo(70);
    }
  }

  @Test
  void vectorKernelsInitialiseBeforeTheInterfaceThatSelectsThem() throws Exception {
    assumeTrue(KernelSelection.vectorModulePresent(), "the jdk.incubator.vector module is not present");
    // A class loader of its own, so that neither class is initialised yet: VectorKernels first,
    // as a benchmark that constructs it directly does. A default method on Kernels once made this
    // initialise Kernels first, whose selection constructed VectorKernels with its lanes unset.
    URL classes = VectorKernels.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class.forName(VectorKernels.class.getName(), true, isolated);
      Object selected = Class.forName(Kernels.class.getName(), true, isolated).getField("INSTANCE").get(null);
      // The same choice as this JVM's own (the scalar run of these tests turns the vector path off).
      assertThat(selected.getClass().getName()).isEqualTo(Kernels.INSTANCE.getClass().getName());
    }
  }

  @Test
  void argMaxIsTheLowestIndexOfTheLargestScore() {
    Random random = new Random(16);
    for (Kernels kernels : implementations()) {
      for (int length : new int[] {1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 176, 1_037}) {
        for (int round = 0; round < 20; round++) {
          float[] scores = new float[length + 3];
          for (int i = 0; i < scores.length; i++) {
            // Few distinct values, so the largest is often tied; -0 and +0 compare equal.
            int draw = random.nextInt(7);
            scores[i] = draw == 6 ? -0f : draw - 3;
          }
          scores[length] = 100f;
          int expected = 0;
          for (int i = 1; i < length; i++) {
            if (scores[i] > scores[expected]) {
              expected = i;
            }
          }
          assertThat(kernels.argMax(scores, length)).as("%s over %d", kernels.name(), length).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void argMaxPassesOverNaNAsTheScanDoes() {
    for (Kernels kernels : implementations()) {
      float[] scores = new float[70];
      scores[5] = Float.NaN;
      scores[40] = 2f;
      scores[66] = 2f;
      assertThat(kernels.argMax(scores, 70)).as(kernels.name()).isEqualTo(40);
      scores[0] = Float.NaN;
      assertThat(kernels.argMax(scores, 70)).as(kernels.name()).isZero();
    }
  }

  @Test
  void countAboveAndEqualCountsByComparisonAsALoopWould() {
    Random random = new Random(12);
    for (Kernels kernels : implementations()) {
      for (int length : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 100, 1_037}) {
        float[] scores = new float[length + 5];
        for (int i = 0; i < scores.length; i++) {
          // Few distinct values, so equal scores are common; a NaN is neither above nor equal.
          scores[i] = i % 29 == 7 ? Float.NaN : random.nextInt(6) - 2;
        }
        for (float threshold : new float[] {-3f, 0f, 1f, 3.5f, Float.NEGATIVE_INFINITY}) {
          long above = 0;
          long equal = 0;
          for (int i = 3; i < 3 + length; i++) {
            above += scores[i] > threshold ? 1 : 0;
            equal += scores[i] == threshold ? 1 : 0;
          }
          long counts = kernels.countAboveAndEqual(scores, 3, 3 + length, threshold);
          assertThat(counts >>> 32).as("%s above %s over %d", kernels.name(), threshold, length).isEqualTo(above);
          assertThat(counts & 0xFFFF_FFFFL).as("%s equal %s over %d", kernels.name(), threshold, length)
              .isEqualTo(equal);
        }
      }
    }
  }
}
