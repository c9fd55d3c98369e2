package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ListenerRepositoryTest extends EmptyStoreFixture {
  @Test
  void addIsIdempotentAndSaysWhetherTheListenerWasNew() {
    assertThat(store.listeners().add("ann")).isTrue();
    assertThat(store.listeners().add("ann")).isFalse();
    assertThat(store.listeners().count()).isEqualTo(1);
    assertThat(store.listeners().find("ann")).get().extracting(Listener::id).isEqualTo("ann");
    assertThat(store.listeners().find("bob")).isEmpty();
  }

  @Test
  void listPagesInIdOrder() {
    for (String id : new String[] {"c", "a", "d", "b"}) {
      store.listeners().add(id);
    }

    assertThat(store.listeners().list(0, 3)).extracting(Listener::id).containsExactly("a", "b", "c");
    assertThat(store.listeners().list(3, 3)).extracting(Listener::id).containsExactly("d");
    assertThat(store.listeners().list(4, 3)).isEmpty();
  }

  @Test
  void rejectsBlankIdsAndNegativePages() {
    assertThatThrownBy(() -> store.listeners().add(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listener id");
    assertThatThrownBy(() -> store.listeners().list(-1, 3)).hasMessageContaining("offset -1");
  }

  @Test
  void reportsItsVendorAndHealth() {
    assertThat(store.vendor()).isEqualTo(database.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(store.isHealthy()).isTrue();
    store.close();
    assertThat(store.isHealthy()).isFalse();
    assertThatThrownBy(() -> store.listeners().count())
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("database error (" + store.vendor() + "): ");
  }
}
