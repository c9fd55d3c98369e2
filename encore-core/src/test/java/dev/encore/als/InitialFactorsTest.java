package dev.encore.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class InitialFactorsTest {
  @Test
  void aWholeSideIsTheSequenceOfSplittableRandom() {
    long seed = 42L;
    float[] factors = InitialFactors.of(37, 5, seed);
    SplittableRandom random = new SplittableRandom(seed);
    for (float value : factors) {
      assertThat(value).isEqualTo((float) random.nextDouble() * 0.01f);
    }
  }

  @Property(tries = 50)
  void anyRangeOfRowsEqualsTheSameRowsOfTheWholeSide(@ForAll @IntRange(min = 0, max = 60) int first,
      @ForAll @IntRange(min = 0, max = 20) int rows, @ForAll @IntRange(min = 1, max = 9) int k, @ForAll long seed) {
    float[] whole = InitialFactors.of(first + rows, k, seed);
    float[] part = new float[rows * k + 3];
    InitialFactors.fill(part, 3, first, rows, k, seed);
    for (int i = 0; i < rows * k; i++) {
      assertThat(part[3 + i]).isEqualTo(whole[first * k + i]);
    }
  }

  @Test
  void valuesAreSmallAndNonNegativeAndTheSidesDiffer() {
    float[] users = InitialFactors.of(100, 8, InitialFactors.userSeed(7));
    float[] items = InitialFactors.of(100, 8, InitialFactors.itemSeed(7));
    for (int i = 0; i < users.length; i++) {
      assertThat(users[i]).isBetween(0f, 0.01f);
    }
    assertThat(users).isNotEqualTo(items);
  }
}
