package dev.encore.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitterTest {

  private static List<Splitter> allSplitters(double fraction, int k, long seed) {
    return List.of(new RandomSplitter(fraction, seed), new UserRatioSplitter(fraction, seed),
        LeaveKOutSplitter.random(k, seed), LeaveKOutSplitter.latest(k),
        new TemporalSplitter(fraction));
  }

  @Property(tries = 60)
  void everyEntryLandsOnExactlyOneSide(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction, @ForAll @IntRange(min = 1, max = 4) int k) {
    Interactions input = TestInteractions.random(seed, 12, 9, 0.4, true);
    for (Splitter splitter : allSplitters(fraction, k, seed)) {
      Split split = splitter.split(input);
      assertThat(split.train().users()).isSameAs(input.users());
      assertThat(split.test().users()).isSameAs(input.users());
      assertThat(split.train().items()).isSameAs(input.items());
      assertThat(split.test().items()).isSameAs(input.items());

      Set<String> train = TestInteractions.entries(split.train());
      Set<String> test = TestInteractions.entries(split.test());
      Set<String> overlap = new HashSet<>(train);
      overlap.retainAll(test);
      assertThat(overlap).as("%s: entries on both sides", splitter).isEmpty();
      Set<String> union = new HashSet<>(train);
      union.addAll(test);
      assertThat(union).as("%s: union", splitter).isEqualTo(TestInteractions.entries(input));
      assertThat(split.train().nnz() + split.test().nnz()).isEqualTo(input.nnz());
    }
  }

  @Property(tries = 20)
  void aSeedAlwaysGivesTheSameSplit(@ForAll long seed) {
    Interactions input = TestInteractions.random(seed, 15, 10, 0.5, true);
    for (Splitter splitter : allSplitters(0.3, 2, seed)) {
      assertThat(TestInteractions.entries(splitter.split(input).test()))
          .isEqualTo(TestInteractions.entries(splitter.split(input).test()));
    }
  }

  @Test
  void differentSeedsGiveDifferentRandomSplits() {
    Interactions input = TestInteractions.random(7, 40, 30, 0.5, false);
    Set<String> first = TestInteractions.entries(new RandomSplitter(0.3, 1).split(input).test());
    Set<String> second = TestInteractions.entries(new RandomSplitter(0.3, 2).split(input).test());
    assertThat(first).isNotEqualTo(second);
  }

  @Property(tries = 30)
  void temporalTestEntriesAreNeverBeforeTrainEntries(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction) {
    Interactions input = TestInteractions.random(seed, 10, 10, 0.5, true);
    Split split = new TemporalSplitter(fraction).split(input);
    long latestTrain = Long.MIN_VALUE;
    for (long time : split.train().timestamps()) {
      latestTrain = Math.max(latestTrain, time);
    }
    for (long time : split.test().timestamps()) {
      assertThat(time).isGreaterThan(latestTrain);
    }
    if (input.nnz() > 0) {
      assertThat(split.test().nnz()).isPositive();
    }
  }

  @Test
  void temporalSplitCutsAtTheTimeQuantile() {
    InteractionsBuilder builder = new InteractionsBuilder();
    for (int day = 1; day <= 10; day++) {
      builder.add("u" + (day % 3), "i" + day, 1, day);
    }
    Split split = new TemporalSplitter(0.3).split(builder.build());
    assertThat(split.test().timestamps()).containsExactlyInAnyOrder(8L, 9L, 10L);
    assertThat(split.train().nnz()).isEqualTo(7);
  }

  @Test
  void temporalSplitNeedsTimestamps() {
    Interactions untimed = TestInteractions.random(1, 5, 5, 0.5, false);
    assertThatThrownBy(() -> new TemporalSplitter(0.2).split(untimed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temporal split needs timestamps");
  }

  @Property(tries = 30)
  void perUserRatioHoldsOutRoundedShareOfEachUser(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction) {
    Interactions input = TestInteractions.random(seed, 20, 12, 0.35, false);
    Split split = new UserRatioSplitter(fraction, seed).split(input);
    Csr all = input.userItems();
    Csr test = split.test().userItems();
    for (int u = 0; u < all.rows(); u++) {
      int n = all.rowLength(u);
      int expected = n < 2 ? 0 : (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
      assertThat(test.rowLength(u)).as("user %d of %d entries", u, n).isEqualTo(expected);
    }
  }

  @Test
  void perUserRatioRoundsTheShare() {
    UserRatioSplitter splitter = new UserRatioSplitter(0.25, 1);
    assertThat(splitter.testCount(1)).isZero();
    assertThat(splitter.testCount(2)).isEqualTo(1);
    assertThat(splitter.testCount(10)).isEqualTo(3);
    assertThat(splitter.testCount(12)).isEqualTo(3);
    assertThat(new UserRatioSplitter(0.9, 1).testCount(3)).isEqualTo(2);
  }

  @Property(tries = 30)
  void leaveKOutHoldsOutKOfEveryLargerUser(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int k) {
    Interactions input = TestInteractions.random(seed, 20, 12, 0.35, true);
    for (Splitter splitter : List.of(LeaveKOutSplitter.random(k, seed), LeaveKOutSplitter.latest(k))) {
      Csr all = input.userItems();
      Csr test = splitter.split(input).test().userItems();
      for (int u = 0; u < all.rows(); u++) {
        int expected = all.rowLength(u) > k ? k : 0;
        assertThat(test.rowLength(u)).as("%s user %d", splitter, u).isEqualTo(expected);
      }
    }
  }

  @Test
  void leaveLatestTakesTheLatestEntriesAndBreaksTiesByHigherItem() {
    Interactions input = new InteractionsBuilder()
        .add("ann", "a", 1, 10).add("ann", "b", 1, 40).add("ann", "c", 1, 30).add("ann", "d", 1, 30)
        .add("bob", "a", 1, 5).add("bob", "b", 1, 6)
        .build();
    Split split = LeaveKOutSplitter.latest(2).split(input);
    Csr test = split.test().userItems();
    int ann = input.users().indexOf("ann");
    assertThat(test.rowLength(ann)).isEqualTo(2);
    assertThat(test.find(ann, input.items().indexOf("b"))).isNotNegative();
    assertThat(test.find(ann, input.items().indexOf("d"))).isNotNegative();
    assertThat(test.rowLength(input.users().indexOf("bob"))).isZero();
  }

  @Test
  void leaveLatestNeedsTimestamps() {
    Interactions untimed = TestInteractions.random(1, 5, 5, 0.5, false);
    assertThatThrownBy(() -> LeaveKOutSplitter.latest(1).split(untimed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs timestamps");
  }

  @Test
  void untimedInputGivesUntimedHalves() {
    Split split = new RandomSplitter(0.5, 3).split(TestInteractions.random(2, 6, 6, 0.5, false));
    assertThat(split.train().hasTimestamps()).isFalse();
    assertThat(split.test().hasTimestamps()).isFalse();
  }

  @Test
  void badParametersNameTheParameterAndTheRule() {
    assertThatThrownBy(() -> new RandomSplitter(0, 1))
        .hasMessage("testFraction 0.0 must be strictly between 0 and 1");
    assertThatThrownBy(() -> new UserRatioSplitter(1.5, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testFraction 1.5");
    assertThatThrownBy(() -> new TemporalSplitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testFraction NaN");
    assertThatThrownBy(() -> LeaveKOutSplitter.random(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("k 0 must be >= 1");
  }
}
