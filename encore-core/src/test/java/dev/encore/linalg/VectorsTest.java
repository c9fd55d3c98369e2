package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void descendingOrderIsLargestFirstWithTiesByLowerIndex() {
    Random random = new Random(12);
    for (int count : new int[] {0, 1, 2, 17, 5_000}) {
      float[] values = new float[count + 3];
      for (int i = 0; i < values.length; i++) {
        // Few distinct values, zeros among them: many ties to break by index.
        values[i] = random.nextInt(6) == 0 ? 0f : random.nextInt(8) * 0.37f;
      }
      int[] expected = IntStream.range(0, count).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      assertThat(Vectors.descendingOrder(values, count)).as("%d values", count).isEqualTo(expected);
    }
  }
}
