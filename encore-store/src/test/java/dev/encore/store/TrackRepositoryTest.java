package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.content.FeatureTable;
import dev.encore.store.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TrackRepositoryTest extends EmptyStoreFixture {
  @Test
  void upsertThenFindRoundTripsNamesFeaturesAndTagsInOrder() {
    Track track = new Track("t1", "Blue in Green", "Miles Davis", Map.of("tempo", 62.5f, "loudness", -14.25f),
        List.of("jazz", "modal"), List.of("calm", "sad"));

    assertThat(store.tracks().upsert(List.of(track))).isEqualTo(1);

    assertThat(store.tracks().find("t1")).contains(track);
    assertThat(store.tracks().find("t2")).isEmpty();
  }

  @Test
  void upsertReplacesTheWholeTrackSoARemovedFeatureIsAbsent() {
    store.tracks().upsert(List.of(new Track("t1", "Old", "A", Map.of("tempo", 100f, "energy", 0.5f),
        List.of("rock"), List.of("happy"))));
    Track replaced = new Track("t1", "New", null, Map.of("energy", 0.9f), List.of(), List.of("sad"));

    store.tracks().upsert(List.of(replaced));

    assertThat(store.tracks().find("t1")).contains(replaced);
    assertThat(store.tracks().count()).isEqualTo(1);
  }

  @Test
  void keepingNamesLeavesTheStoredTitleWhenTheNewOneIsNull() {
    store.tracks().upsert(List.of(new Track("t1", "Title", "Artist", Map.of(), List.of(), List.of())));

    store.tracks().upsertKeepingNames(List.of(new Track("t1", null, null, Map.of("tempo", 90f), List.of("pop"), List.of())));

    assertThat(store.tracks().find("t1")).contains(
        new Track("t1", "Title", "Artist", Map.of("tempo", 90f), List.of("pop"), List.of()));
  }

  @Test
  void listPagesAndForEachStreamsEveryTrackInIdOrder() {
    List<Track> tracks = new ArrayList<>();
    for (int i = 0; i < TrackRepository.PAGE * 2 + 345; i++) {
      tracks.add(new Track(String.format("t%05d", i), null, null, Map.of("x", (float) i), List.of(), List.of()));
    }
    store.tracks().upsert(tracks);
    List<Track> seen = new ArrayList<>();

    store.tracks().forEach(seen::add);

    assertThat(seen).containsExactlyElementsOf(tracks);
    assertThat(store.tracks().list(10, 3)).containsExactlyElementsOf(tracks.subList(10, 13));
    assertThat(store.tracks().count()).isEqualTo(tracks.size());
  }

  @Test
  void theFeatureTableHoldsEveryDescribedTrackWithStandardColumnsFirstAndMissingAsNaN() {
    store.tracks().upsert(List.of(
        new Track("t3", "Only tags", null, Map.of(), List.of("jazz"), List.of()),
        new Track("t1", null, null, Map.of("zcr", 0.1f, "tempo", 120f, "mfcc1", -200f), List.of("rock", "blues"),
            List.of("happy")),
        new Track("t2", null, null, Map.of("tempo", 90f, "chroma", 0.4f), List.of(), List.of("sad")),
        Track.bare("t0")));

    FeatureTable table = store.tracks().features();

    assertThat(table.tracks().ids()).containsExactly("t1", "t2", "t3");
    assertThat(table.featureNames()).containsExactly("mfcc1", "tempo", "chroma", "zcr");
    assertThat(table.row(0)).containsExactly(-200f, 120f, Float.NaN, 0.1f);
    assertThat(table.row(1)).containsExactly(Float.NaN, 90f, 0.4f, Float.NaN);
    assertThat(table.row(2)).containsOnly(Float.NaN);
    assertThat(table.genres(0)).containsExactly("rock", "blues");
    assertThat(table.moods(1)).containsExactly("sad");
    assertThat(table.genres(2)).containsExactly("jazz");
  }

  @Test
  void aCatalogueOfBareTracksHasAnEmptyFeatureTable() {
    store.tracks().upsert(List.of(Track.bare("t1"), new Track("t2", "Named", "Only", Map.of(), List.of(), List.of())));

    FeatureTable table = store.tracks().features();

    assertThat(table.trackCount()).isZero();
    assertThat(table.featureCount()).isZero();
  }

  @Test
  void aTrackWithANonFiniteFeatureIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> new Track("t1", null, null, Map.of("tempo", Float.NaN), List.of(), List.of()))
        .hasMessageContaining("feature 'tempo' = NaN must be a finite number");
  }
}
