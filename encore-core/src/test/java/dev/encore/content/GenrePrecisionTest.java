package dev.encore.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenrePrecisionTest {

  @Test
  void randomListsFindEachGenreInProportionToTheOtherTracks() {
    // A class-0 track finds 1 of the 4 others in its class, a class-1 track 2 of 4:
    // (2 * 1/4 + 3 * 2/4) / 5 = 0.4.
    assertThat(GenrePrecision.expectedAtRandom(new int[] {0, 0, 1, 1, 1})).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void precisionCountsSameGenreNeighboursAsWorkedOutByHand() {
    List<String> names = List.of("x", "y");
    FeatureTable table = FeatureTable.builder(names)
        .add("a0", new float[] {1, 0}, List.of("c0"), List.of())
        .add("a1", new float[] {1, 0.1f}, List.of("c0"), List.of())
        .add("a2", new float[] {1, -0.1f}, List.of("c0"), List.of())
        .add("b0", new float[] {0, 1}, List.of("c1"), List.of())
        .add("b1", new float[] {0.1f, 1}, List.of("c1"), List.of())
        .add("b2", new float[] {1, 0.05f}, List.of("c1"), List.of())
        .build();
    FeatureScaler identity = new FeatureScaler(
        List.of(new FeatureScale("x", false, 0f, 0f, 1f), new FeatureScale("y", false, 0f, 0f, 1f)), 100f);
    ContentSimilarity similarity = ContentSimilarity.of(table, identity,
        SimilarityMetric.weighted(names, FeatureWeights.equal()), 0f);
    BitSet all = new BitSet();
    all.set(0, 6);

    // By angle: a0 -> b2, a1 (1 hit); a1 -> b2, a0 (1); a2 -> a0, b2 (1); b0 -> b1, a1 (1);
    // b1 -> b0, a1 (1); b2 -> a1, a0 (0): 5 hits in 12 places.
    assertThat(GenrePrecision.atK(similarity, new int[] {0, 0, 0, 1, 1, 1}, 2, new int[] {0, 1, 2, 3, 4, 5}, all))
        .isCloseTo(5.0 / 12, within(1e-12));
    BitSet onlyA = new BitSet();
    onlyA.set(0, 3);
    // Against a0..a2 only, b-queries find no b: 0 hits; a-queries 2 each.
    assertThat(GenrePrecision.atK(similarity, new int[] {0, 0, 0, 1, 1, 1}, 2, new int[] {0, 3}, onlyA))
        .isCloseTo(2.0 / 4, within(1e-12));
  }
}
