package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.content.FeatureTable;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import dev.encore.synth.TrackCsvWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackFeaturesReaderTest {
  @TempDir
  Path folder;

  private Path write(String content) throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private FeatureTable read(String content) throws IOException {
    return new TrackFeaturesReader().read(write(content)).table();
  }

  @Test
  void readsIdsTagsFeaturesAndEmptyCellsAsMissing() throws IOException {
    FeatureTable table = read("""
        track,title,genre,mood,tempo,mfcc1,artist,chroma_var
        t1,Song,rock|blues,calm,120.5,-250,Someone,0.01
        t2,,,,,3e1,,
        """);

    assertThat(table.featureNames()).containsExactly("tempo", "mfcc1", "chroma_var");
    assertThat(table.trackCount()).isEqualTo(2);
    assertThat(table.row(0)).containsExactly(120.5f, -250f, 0.01f);
    assertThat(table.genres(0)).containsExactly("rock", "blues");
    assertThat(table.moods(0)).containsExactly("calm");
    assertThat(table.value(1, 0)).isNaN();
    assertThat(table.value(1, 1)).isEqualTo(30f);
    assertThat(table.value(1, 2)).isNaN();
    assertThat(table.genres(1)).isEmpty();
  }

  @Test
  void readsBackWhatTheSyntheticCatalogueWrites() throws IOException {
    TrackCatalogue catalogue = new TrackCatalogue(SynthConfig.tiny());
    Path file = folder.resolve("synth.csv");
    TrackCsvWriter.write(catalogue, file);

    FeatureTable read = new TrackFeaturesReader().read(file).table();
    FeatureTable expected = catalogue.featureTable();
    assertThat(read.featureNames()).isEqualTo(expected.featureNames());
    assertThat(read.values()).containsExactly(expected.values());
    assertThat(read.genres(7)).isEqualTo(expected.genres(7));
    assertThat(read.moods(7)).isEqualTo(expected.moods(7));
  }

  @Test
  void badInputNamesFileLineAndColumn() throws IOException {
    assertThatThrownBy(() -> read("id,tempo\nt1,120\n"))
        .isInstanceOf(DatasetFormatException.class).hasMessageContaining("tracks.csv:1: field 'track'")
        .hasMessageContaining("has no column named 'track'");
    assertThatThrownBy(() -> read("track,tempo,energy\nt1,120,0.5\nt2,abc,0.5\n"))
        .hasMessageEndingWith("tracks.csv:3: field 'tempo' ('abc') is not a number");
    assertThatThrownBy(() -> read("track,tempo,energy\nt1,120\n"))
        .hasMessageContaining("tracks.csv:2: field 'energy' is missing");
    assertThatThrownBy(() -> read("track,tempo\nt1,1e99\n"))
        .hasMessageContaining(":2: field 'tempo' ('1e99') is not a finite number");
    assertThatThrownBy(() -> read("track,tempo\nt1,NaN\n"))
        .hasMessageContaining(":2: field 'tempo' ('NaN') is not a number");
    assertThatThrownBy(() -> read("track,tempo\nt1,Infinity\n"))
        .hasMessageContaining(":2: field 'tempo' ('Infinity') is not a number");
    assertThatThrownBy(() -> read("track,tempo\nt1,120,7\n"))
        .hasMessageContaining(":2: has 3 fields, the header has 2");
    assertThatThrownBy(() -> read("track,tempo\nt1,120\nt1,121\n"))
        .hasMessageContaining(":3: field 'track' ('t1') is described twice");
    assertThatThrownBy(() -> read("track,tempo,tempo\n"))
        .hasMessageContaining(":1: field 'tempo' is named twice in the header");
    assertThatThrownBy(() -> read(""))
        .hasMessageContaining("tracks.csv:1: is missing: the file is empty");
  }

  @Test
  void skipBadKeepsTheGoodRowsAndCountsTheRest() throws IOException {
    FeatureDataset dataset = new TrackFeaturesReader(true).read(write("track,tempo\nt1,120\nt2,fast\nt3,90\n"));

    assertThat(dataset.table().trackCount()).isEqualTo(2);
    assertThat(dataset.summary().rowsSkipped()).isEqualTo(1);
    assertThat(dataset.summary().firstSkipped().get(0)).contains(":3: field 'tempo' ('fast')");
  }
}
