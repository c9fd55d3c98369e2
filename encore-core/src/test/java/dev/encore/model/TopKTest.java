package dev.encore.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKTest {

  @Property
  void selectsWhatAFullSortSelects(@ForAll @Size(max = 200) List<@IntRange(min = -20, max = 20) Integer> raw,
      @ForAll @IntRange(max = 30) int n, @ForAll @IntRange(min = 1, max = 7) int blockEvery) {
    float[] scores = new float[raw.size()];
    BitSet blocked = new BitSet();
    List<ScoredItem> expected = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      scores[i] = raw.get(i) / 4f;
      if (i % blockEvery == 1) {
        blocked.set(i);
      } else {
        expected.add(new ScoredItem(i, scores[i]));
      }
    }
    expected.sort(Comparator.comparingDouble((ScoredItem s) -> -s.score()).thenComparingInt(ScoredItem::index));
    List<ScoredItem> actual = TopK.select(scores, n, blocked);
    assertThat(actual).containsExactlyElementsOf(expected.subList(0, Math.min(n, expected.size())));
  }

  @Test
  void nanIsNeverSelected() {
    assertThat(TopK.select(new float[] {Float.NaN, 1f, Float.NaN}, 3, null))
        .containsExactly(new ScoredItem(1, 1f));
  }

  @Test
  void zeroCapacitySelectsNothing() {
    assertThat(TopK.select(new float[] {1f, 2f}, 0, null)).isEmpty();
  }
}
