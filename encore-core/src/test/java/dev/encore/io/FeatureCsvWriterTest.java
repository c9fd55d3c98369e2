package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.content.FeatureTable;
import dev.encore.content.StandardFeatures;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCsvWriterTest {
  @TempDir
  Path folder;

  @Test
  void writesHeaderTagsValuesAndMissingValuesAsEmptyCells() throws IOException {
    FeatureTable table = FeatureTable.builder(List.of("tempo", "energy"))
        .add("t1", new float[] {120.5f, Float.NaN}, List.of("rock", "indie"), List.of())
        .add("t2", new float[] {90f, 1.0E-5f}, List.of(), List.of("calm"))
        .build();
    Path file = folder.resolve("tracks.csv");

    FeatureCsvWriter.write(table, file);

    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
        "track,genre,mood,tempo,energy",
        "t1,rock|indie,,120.5,",
        "t2,,calm,90.0,1.0E-5");
  }

  @Test
  void standardFeaturesComeFirstInTheirOrderThenExtrasAsGiven() throws IOException {
    FeatureTable table = FeatureTable.builder(List.of("zcr", "tempo", "chroma", "mfcc1"))
        .add("t", new float[] {0.1f, 120f, 0.3f, -200f}, List.of(), List.of())
        .build();
    Path file = folder.resolve("tracks.csv");

    FeatureCsvWriter.write(table, file);

    assertThat(Files.readAllLines(file)).containsExactly(
        "track,genre,mood,mfcc1,tempo,zcr,chroma",
        "t,,,-200.0,120.0,0.1,0.3");
  }

  @Test
  void everyValueReadsBackAsTheSameFloat() throws IOException {
    TrackCatalogue catalogue = new TrackCatalogue(SynthConfig.tiny());
    FeatureTable table = catalogue.featureTable();
    Path file = folder.resolve("tracks.csv");

    FeatureCsvWriter.write(table, file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("track,genre,mood," + String.join(",", StandardFeatures.NAMES));
    assertThat(lines).hasSize(1 + table.trackCount());
    for (int track = 0; track < table.trackCount(); track++) {
      String[] cells = lines.get(1 + track).split(",", -1);
      assertThat(cells[0]).isEqualTo(table.tracks().idOf(track));
      assertThat(cells[1]).isEqualTo(catalogue.genre(track));
      float[] parsed = new float[cells.length - 3];
      for (int f = 0; f < parsed.length; f++) {
        parsed[f] = Float.parseFloat(cells[3 + f]);
      }
      assertThat(parsed).containsExactly(table.row(track));
    }
  }

  @Test
  void fieldsThatCannotBeWrittenUnquotedAreRefusedByTrackAndField() throws IOException {
    Path file = folder.resolve("tracks.csv");
    try (FeatureCsvWriter writer = FeatureCsvWriter.open(file, List.of("tempo"))) {
      float[] values = {100f};
      assertThatThrownBy(() -> writer.writeTrack("a,b", values, List.of(), List.of()))
          .hasMessageContaining("track ID 'a,b'").hasMessageContaining("','");
      assertThatThrownBy(() -> writer.writeTrack("x", values, List.of("rock|pop"), List.of()))
          .hasMessageContaining("track 'x' genre 'rock|pop'");
      assertThatThrownBy(() -> writer.writeTrack("x", values, List.of(), List.of("say \"hi\"")))
          .hasMessageContaining("double quote");
      assertThatThrownBy(() -> writer.writeTrack(" x", values, List.of(), List.of()))
          .hasMessageContaining("white space");
      assertThatThrownBy(() -> writer.writeTrack("x", new float[] {Float.NEGATIVE_INFINITY}, List.of(), List.of()))
          .hasMessageContaining("track 'x' feature 'tempo'");
      writer.writeTrack("x", values, List.of(), List.of());
      assertThatThrownBy(() -> writer.writeTrack("x", values, List.of(), List.of())).hasMessageContaining("twice");
    }
    assertThatThrownBy(() -> FeatureCsvWriter.open(file, List.of("genre"))).hasMessageContaining("reserved");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
    Path file = folder.resolve("tracks.csv");
    Files.writeString(file, "the old content\n");

    try (FeatureCsvWriter writer = FeatureCsvWriter.open(file, List.of("tempo"))) {
      writer.writeTrack("a", new float[] {1f}, List.of(), List.of());
      assertThatThrownBy(() -> writer.writeTrack("b", new float[] {Float.POSITIVE_INFINITY}, List.of(), List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    assertThat(Files.readString(file)).isEqualTo("the old content\n");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void committedFileReplacesTheOldOne() throws IOException {
    Path file = folder.resolve("nested").resolve("tracks.csv");
    List<String> written = new ArrayList<>();
    try (FeatureCsvWriter writer = FeatureCsvWriter.open(file, List.of("tempo"))) {
      writer.writeTrack("a", new float[] {1f}, List.of(), List.of());
      writer.commit();
      written.addAll(Files.readAllLines(file));
    }
    assertThat(written).containsExactly("track,genre,mood,tempo", "a,,,1.0");
  }
}
