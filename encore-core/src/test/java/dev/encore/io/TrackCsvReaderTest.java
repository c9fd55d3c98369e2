package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import dev.encore.synth.TrackCsvWriter;
import dev.encore.synth.TrackProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackCsvReaderTest {
  @TempDir
  Path folder;

  @Test
  void readsBackWhatTheCatalogueWriterWrote() throws IOException {
    TrackCatalogue catalogue = new TrackCatalogue(SynthConfig.of(10, 25, 100, 3));
    Path file = folder.resolve("tracks.csv");
    TrackCsvWriter.write(catalogue, file);
    List<CatalogueRow> rows = new ArrayList<>();

    ReadSummary summary = new TrackCsvReader().stream(file, rows::add);

    assertThat(summary.rowsRead()).isEqualTo(25);
    assertThat(rows).hasSize(25);
    for (int track = 0; track < 25; track++) {
      TrackProfile profile = catalogue.profile(track);
      CatalogueRow row = rows.get(track);
      assertThat(row.trackId()).isEqualTo(profile.trackId());
      assertThat(row.genres()).containsExactly(profile.genre());
      assertThat(row.moods()).containsExactly(profile.mood());
      assertThat(row.line()).isEqualTo(track + 2);
      assertThat(row.features()).hasSize(TrackProfile.FEATURE_NAMES.size());
      for (String name : TrackProfile.FEATURE_NAMES) {
        assertThat(row.features().get(name)).as(name).isEqualTo(profile.feature(name));
      }
    }
  }

  @Test
  void emptyFieldsAreAbsentAndNegativeFeaturesAllowed() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "track,genre,mood,tempo,loudness\nt1,,calm,,-7.5\n");
    List<CatalogueRow> rows = new ArrayList<>();

    new TrackCsvReader().stream(file, rows::add);

    assertThat(rows).containsExactly(new CatalogueRow(file.toString(), 2, "t1", null, null, List.of(), List.of("calm"),
        Map.of("loudness", -7.5f)));
  }

  @Test
  void titleAndArtistAreDescriptiveAndTagsSplitAtBars() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "track,title,genre,mood,tempo,artist\nt1,Night Drive,rock| blues|rock,,118,The Examples\n");
    CollectedCatalogue read = new CollectedCatalogue();

    new TrackCsvReader().stream(file, read);

    assertThat(read.columns).containsExactly("tempo");
    assertThat(read.rows).containsExactly(new CatalogueRow(file.toString(), 2, "t1", "Night Drive", "The Examples",
        List.of("rock", "blues"), List.of(), Map.of("tempo", 118f)));
  }

  @Test
  void aRowLongerThanTheHeaderOrARepeatedColumnIsAnError() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "track,tempo\nt1,120,7\n");
    assertThatThrownBy(() -> new TrackCsvReader().stream(file, row -> {}))
        .hasMessage(file + ":2: has 3 fields, the header has 2 (fields are not quoted, so a value may not contain a comma)");
    Files.writeString(file, "track,tempo,tempo\n");
    assertThatThrownBy(() -> new TrackCsvReader().stream(file, row -> {}))
        .hasMessage(file + ":1: field 'tempo' is named twice in the header");
  }

  @Test
  void aBadFeatureNamesFileLineAndFieldOrIsSkippedAndCounted() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "track,genre,mood,tempo\nt1,rock,calm,120\nt2,pop,sad,fast\nt3,pop,sad,90\n");

    assertThatThrownBy(() -> new TrackCsvReader().stream(file, row -> {}))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(file + ":3: field 'tempo' ('fast') is not a number");
    List<CatalogueRow> rows = new ArrayList<>();
    ReadSummary summary = new TrackCsvReader().skippingBadRows().stream(file, rows::add);
    assertThat(rows).extracting(CatalogueRow::trackId).containsExactly("t1", "t3");
    assertThat(summary.rowsSkipped()).isEqualTo(1);
  }

  @Test
  void aFileWithoutATrackColumnIsAnError() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "id,genre\nt1,rock\n");

    assertThatThrownBy(() -> new TrackCsvReader().stream(file, row -> {}))
        .hasMessageContaining(":1: field 'track' has no column named 'track'");
  }
}
