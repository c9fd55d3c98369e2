package dev.encore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class IdIndexTest {

  @Property
  void numericIdsWithGapsRoundTrip(@ForAll @Size(max = 200) @UniqueElements List<Long> databaseIds) {
    IdIndex.Builder builder = new IdIndex.Builder("track");
    for (long id : databaseIds) {
      builder.intern(Long.toString(id));
    }
    IdIndex index = builder.build();
    assertThat(index.size()).isEqualTo(databaseIds.size());
    for (int i = 0; i < databaseIds.size(); i++) {
      String id = Long.toString(databaseIds.get(i));
      assertThat(index.indexOf(id)).isEqualTo(i);
      assertThat(index.idOf(i)).isEqualTo(id);
    }
  }

  @Test
  void internReturnsTheSameIndexForARepeatedId() {
    IdIndex.Builder builder = new IdIndex.Builder("user");
    assertThat(builder.intern("17")).isEqualTo(0);
    assertThat(builder.intern("4096")).isEqualTo(1);
    assertThat(builder.intern("17")).isEqualTo(0);
    assertThat(builder.size()).isEqualTo(2);
  }

  @Test
  void unknownIdIsAnErrorNamingIt() {
    IdIndex index = IdIndex.of("user", List.of("a", "b"));
    assertThatThrownBy(() -> index.indexOf("zed"))
        .isInstanceOf(UnknownIdException.class)
        .hasMessage("unknown user id 'zed'");
    assertThat(index.find("zed")).isEqualTo(-1);
  }

  @Test
  void indexOutsideTheRangeIsAnError() {
    IdIndex index = IdIndex.of("item", List.of("x"));
    assertThatThrownBy(() -> index.idOf(1)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("item index 1");
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(() -> IdIndex.of("item", List.of("x", "y", "x")))
        .hasMessageContaining("duplicate item id 'x'");
  }

  @Test
  void buildIsASnapshot() {
    IdIndex.Builder builder = new IdIndex.Builder("user");
    builder.intern("a");
    IdIndex snapshot = builder.build();
    builder.intern("b");
    assertThat(snapshot.size()).isEqualTo(1);
    assertThat(snapshot.contains("b")).isFalse();
  }
}
