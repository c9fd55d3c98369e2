package dev.encore.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.model.ScoredItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecallTest {
  private static ScoredItem item(int index, float score) {
    return new ScoredItem(index, score);
  }

  @Test
  void countsTheExactItemsFound() {
    List<ScoredItem> exact = List.of(item(7, 5f), item(3, 4f), item(9_999_999, 3f), item(1, 2f));
    List<ScoredItem> approximate = List.of(item(7, 5f), item(9_999_999, 3f), item(4, 1.5f), item(5, 1f));
    assertThat(Recall.overlap(exact, approximate)).isEqualTo(0.5);
    assertThat(Recall.overlap(exact, exact)).isEqualTo(1.0);
    assertThat(Recall.overlap(exact, List.of())).isZero();
  }

  @Test
  void anItemTyingTheLastExactScoreIsNotAMiss() {
    List<ScoredItem> exact = List.of(item(2, 3f), item(8, 2f));
    // Item 5 has item 8's score to float rounding; item 6 falls short of it.
    assertThat(Recall.overlap(exact, List.of(item(2, 3f), item(5, 2f - 1e-6f)))).isEqualTo(1.0);
    assertThat(Recall.overlap(exact, List.of(item(2, 3f), item(6, 1.99f)))).isEqualTo(0.5);
  }

  @Test
  void anEmptyExactAnswerIsFullyRecalled() {
    assertThat(Recall.overlap(List.of(), List.of(item(1, 1f)))).isEqualTo(1.0);
  }

  @Test
  void recallNeverExceedsOne() {
    List<ScoredItem> exact = List.of(item(1, 1f));
    assertThat(Recall.overlap(exact, List.of(item(1, 1f), item(2, 1f), item(3, 1f)))).isEqualTo(1.0);
  }
}
