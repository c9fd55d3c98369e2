package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.io.DatasetFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The ID and track limits hold on every write path, and a refused write stores nothing. */
@ParameterizedClass
@EnumSource(dev.encore.store.testing.TestDatabase.class)
class StoreLimitsTest extends EmptyStoreFixture {
  private static final StoreLimits TIGHT = new StoreLimits(8, 3, 2, 4);

  @BeforeEach
  void tighten() {
    store.close();
    store = EncoreStore.open(database.freshConfig(folder.resolve("tight")).withLimits(TIGHT));
  }

  private static Track track(String id, int features, int genres) {
    Map<String, Float> values = new LinkedHashMap<>();
    for (int i = 0; i < features; i++) {
      values.put(id + "-f" + i, 1f);
    }
    return new Track(id, null, null, values, java.util.Collections.nCopies(genres, "pop"), List.of());
  }

  @Test
  void idsLongerThanTheLimitAreRefusedOnEveryWritePath() {
    assertThatThrownBy(() -> store.listeners().add("ninechars")).hasMessageContaining("limit of 8");
    store.tracks().upsert(List.of(Track.bare("t1")));
    assertThatThrownBy(() -> store.plays().add(List.of(new PlayEvent("ninechars", "t1", Instant.EPOCH, 1, null, null))))
        .hasMessageContaining("user id").hasMessageContaining("limit of 8");
    assertThatThrownBy(() -> store.tracks().upsert(List.of(Track.bare("ninechars")))).hasMessageContaining("track id");
    assertThat(store.listeners().count()).isZero();
    assertThat(store.plays().count()).isZero();
    assertThat(store.listeners().add("eightchr")).isTrue();
  }

  @Test
  void aTrackWithTooManyFeaturesOrTagsOrTooManyNewNamesIsRefusedWhole() {
    assertThatThrownBy(() -> store.tracks().upsert(List.of(track("a", 4, 0)))).hasMessageContaining("4 features");
    assertThatThrownBy(() -> store.tracks().upsert(List.of(track("a", 0, 3)))).hasMessageContaining("3 genre and mood");
    store.tracks().upsert(List.of(track("a", 3, 2)));
    // Four names are allowed in the catalogue: "a"'s three and one more.
    assertThatThrownBy(() -> store.tracks().upsert(List.of(track("b", 2, 0), track("c", 1, 0))))
        .hasMessageContaining("6 distinct feature names").hasMessageContaining("nothing was stored");
    assertThat(store.tracks().count()).isEqualTo(1);
    Map<String, Float> reused = new LinkedHashMap<>(Map.of("a-f0", 2f, "a-f1", 2f, "new", 1f));
    store.tracks().upsert(List.of(new Track("d", null, null, reused, List.of(), List.of())));
    assertThat(store.tracks().features().featureCount()).isEqualTo(4);
  }

  @Test
  void anImportNamesTheFileAndLineOfAnIdPastTheLimit() throws Exception {
    Path plays = folder.resolve("plays.tsv");
    Files.writeString(plays, "user\titem\tvalue\nann\tt1\t3\nbartholomew\tt2\t1\n");
    Importer importer = new Importer(store, ImportOptions.defaults(Instant.EPOCH));
    assertThatThrownBy(() -> importer.importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("plays.tsv:3").hasMessageContaining("limit of 8");
  }

  @Test
  void idsMustBeValidUnicodeWithoutControlCharacters() {
    assertThatThrownBy(() -> Ids.require("a\u0000b", "user id")).hasMessageContaining("U+0000");
    assertThatThrownBy(() -> Ids.require("a\tb", "user id")).hasMessageContaining("U+0009");
    assertThatThrownBy(() -> Ids.require("a\ud800", "user id")).hasMessageContaining("lone UTF-16 surrogate");
    assertThatThrownBy(() -> Ids.require("\udc00a", "user id")).hasMessageContaining("position 0");
    assertThat(Ids.require("Sigur Rós \uD83C\uDFB5", "user id")).isEqualTo("Sigur Rós \uD83C\uDFB5");
  }

  @Test
  void timesOutsideTheStorableYearsAreRefused() {
    assertThatThrownBy(() -> new PlayEvent("a", "t", Instant.parse("+300000-01-01T00:00:00Z"), 1, null, null))
        .hasMessageContaining("playedAt").hasMessageContaining("years 1 to 9999");
    assertThat(EpochMicros.toInstant(EpochMicros.of(EpochMicros.MAX))).isEqualTo(EpochMicros.MAX);
    assertThat(EpochMicros.toInstant(EpochMicros.of(EpochMicros.MIN))).isEqualTo(EpochMicros.MIN);
    // Past 2262 a count in nanoseconds overflows a long; microseconds do not.
    Instant year3000 = Instant.parse("3000-06-01T12:00:00.123456Z");
    assertThat(EpochMicros.toInstant(EpochMicros.of(year3000))).isEqualTo(year3000);
  }
}
