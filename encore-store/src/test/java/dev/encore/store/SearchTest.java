package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.store.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SearchTest extends EmptyStoreFixture {
  private static Track track(String id, String title, String artist, List<String> genres) {
    return new Track(id, title, artist, Map.of(), genres, List.of());
  }

  private List<String> found(String query) {
    return store.tracks().search(query, 0, 100).tracks().stream().map(Track::id).toList();
  }

  @Test
  void findsTracksByTitleArtistOrTagIgnoringCaseAndAccents() {
    store.tracks().upsert(List.of(
        track("t1", "Crazy in Love", "Beyoncé", List.of("R&B")),
        track("t2", "Halo", "BEYONCE", List.of("pop")),
        track("t3", "Café del Mar", "Energy 52", List.of("trance")),
        track("t4", "100% Pure", "The_Underscores", List.of("Électro-pop")),
        Track.bare("t5")));

    assertThat(found("beyonce")).containsExactly("t1", "t2");
    assertThat(found("  CAFE  ")).containsExactly("t3");
    assertThat(found("electro")).containsExactly("t4");
    assertThat(found("pop")).containsExactly("t2", "t4");
    assertThat(found("100%")).as("% is a character, not a wildcard").containsExactly("t4");
    assertThat(found("h_lo")).as("_ too: no wildcard for Halo").isEmpty();
    assertThat(found("e_u")).as("a literal _ matches").containsExactly("t4");
    assertThat(found("t5")).as("IDs are not searched").isEmpty();
    TrackRepository.Page second = store.tracks().search("e", 1, 2);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.tracks()).extracting(Track::id).containsExactly("t2", "t3");
  }

  @Test
  void aTrackIsFoundByWhatItHoldsNowAndNotAfterItIsDeleted() {
    store.tracks().upsert(List.of(track("t1", "Old Title", "Band", List.of())));
    store.tracks().upsert(List.of(track("t1", "New Title", "Band", List.of("jazz"))));
    assertThat(found("old")).isEmpty();
    assertThat(found("jazz")).containsExactly("t1");
    store.tracks().delete("t1");
    assertThat(found("new")).isEmpty();
  }

  @Test
  void aNameKeptFromBeforeStaysSearchable() {
    store.tracks().upsert(List.of(track("t1", "Kept Title", "Kept Band", List.of())));
    store.tracks().upsertKeepingNames(List.of(track("t1", null, null, List.of("ambient"))));
    assertThat(found("kept title")).containsExactly("t1");
    assertThat(found("ambient")).containsExactly("t1");
  }

  @Test
  void aDatabaseFromBeforeSearchIsFilledWhenOpened() {
    store.tracks().upsert(List.of(track("t1", "Ünïcode Song", "Band", List.of())));
    store.withHandle(handle -> handle.execute("DELETE FROM track_search"));
    assertThat(found("unicode")).isEmpty();

    store.tracks().fillMissingSearchText();

    assertThat(found("unicode")).containsExactly("t1");
  }

  @Test
  void listenersAreFoundByAPartOfTheirId() {
    store.listeners().add("Alice_1");
    store.listeners().add("bob");
    store.listeners().add("alice%2");
    assertThat(store.listeners().search("ALICE", 0, 10).listeners()).extracting(Listener::id)
        .containsExactly("Alice_1", "alice%2");
    assertThat(store.listeners().search("e_", 0, 10).listeners()).extracting(Listener::id).containsExactly("Alice_1");
    assertThat(store.listeners().search("zzz", 0, 10).total()).isZero();
  }
}
