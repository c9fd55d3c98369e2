package dev.encore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InteractionsBuilderTest {

  @Test
  void duplicatesAreSummedAndRowsSorted() {
    Interactions data = new InteractionsBuilder()
        .add("u2", "b", 1f)
        .add("u1", "c", 2f)
        .add("u1", "a", 3f)
        .add("u2", "b", 4f)
        .add("u1", "c", 0.5f)
        .build();
    Csr matrix = data.userItems();
    int u1 = data.users().indexOf("u1");
    int u2 = data.users().indexOf("u2");
    assertThat(data.nnz()).isEqualTo(3);
    assertThat(matrix.get(u1, data.items().indexOf("c"))).isEqualTo(2.5f);
    assertThat(matrix.get(u1, data.items().indexOf("a"))).isEqualTo(3f);
    assertThat(matrix.get(u2, data.items().indexOf("b"))).isEqualTo(5f);
    assertThat(matrix.get(u2, data.items().indexOf("a"))).isZero();
    for (int r = 0; r < matrix.rows(); r++) {
      for (int p = matrix.rowStart(r) + 1; p < matrix.rowEnd(r); p++) {
        assertThat(matrix.indices()[p]).isGreaterThan(matrix.indices()[p - 1]);
      }
    }
  }

  @Test
  void duplicatesKeepTheLatestTimestamp() {
    Interactions data = new InteractionsBuilder()
        .add("u", "a", 1f, 500L)
        .add("u", "a", 1f, 900L)
        .add("u", "a", 1f, 100L)
        .build();
    assertThat(data.timestamps()).containsExactly(900L);
  }

  @Test
  void rowsWithoutTimestampsGiveNoTimestamps() {
    Interactions data = new InteractionsBuilder().add("u", "a", 1f, 5L).add("u", "b", 1f).build();
    assertThat(data.hasTimestamps()).isFalse();
  }

  @Test
  void negativeOrNonFiniteValuesNameTheRow() {
    InteractionsBuilder builder = new InteractionsBuilder().add("u", "a", 1f);
    assertThatThrownBy(() -> builder.add("u", "b", -2f))
        .hasMessage("row 2: value -2.0 for user 'u' and item 'b' must be finite and >= 0");
    assertThatThrownBy(() -> builder.add("u", "b", Float.NaN)).hasMessageContaining("row 2: value NaN");
    assertThatThrownBy(() -> builder.add("u", "b", Float.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
  }

  @Property
  void matrixHoldsTheSumOfEveryPairAndTheTransposeAgrees(
      @ForAll @Size(max = 300) List<@IntRange(max = 19) Integer> users,
      @ForAll @IntRange(min = 1, max = 1000) int seed) {
    Map<String, Float> expected = new HashMap<>();
    InteractionsBuilder builder = new InteractionsBuilder();
    java.util.Random random = new java.util.Random(seed);
    for (int user : users) {
      String item = "i" + random.nextInt(30);
      float value = random.nextInt(5);
      builder.add("u" + user, item, value);
      expected.merge("u" + user + "/" + item, value, Float::sum);
    }
    Interactions data = builder.build();
    assertThat(data.nnz()).isEqualTo(expected.size());
    expected.forEach((key, value) -> {
      String[] parts = key.split("/");
      int user = data.users().indexOf(parts[0]);
      int item = data.items().indexOf(parts[1]);
      assertThat(data.userItems().get(user, item)).isEqualTo(value);
      assertThat(data.itemUsers().get(item, user)).isEqualTo(value);
    });
    assertThat(data.itemUsers().nnz()).isEqualTo(data.nnz());
  }
}
