package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.content.FeatureTable;
import dev.encore.content.StandardFeatures;
import dev.encore.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GtzanReaderTest {
  private static final String HEADER = "filename,length,chroma_stft_mean,rms_mean,rms_var,spectral_centroid_mean,"
      + "spectral_bandwidth_mean,rolloff_mean,tempo,mfcc1_mean,mfcc1_var,mfcc2_mean,mfcc3_mean,mfcc4_mean,"
      + "mfcc5_mean,mfcc6_mean,label";

  @TempDir
  Path folder;

  private FeatureTable read(String content) throws IOException {
    Path file = folder.resolve("features_30_sec.csv");
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return new GtzanReader().read(file).table();
  }

  @Test
  void mapsColumnsOntoTheStandardVectorAndKeepsTheRestAsExtras() throws IOException {
    FeatureTable table = read(HEADER + "\n"
        + "blues.00000.wav,661794,0.35,0.1,0.002,1784.1,2002.4,3805.8,123.05,-113.5,2564.2,121.5,-19.1,42.3,-6.3,18.6,blues\n");

    assertThat(table.featureNames().subList(0, 16)).isEqualTo(StandardFeatures.NAMES);
    assertThat(table.featureNames().subList(16, table.featureCount()))
        .containsExactly("chroma_stft_mean", "rms_var", "mfcc1_var", "mfcc6_mean");
    assertThat(table.tracks().idOf(0)).isEqualTo("blues.00000.wav");
    assertThat(table.genres(0)).containsExactly("blues");
    assertThat(table.value(0, table.featureIndex("mfcc1"))).isEqualTo(-113.5f);
    assertThat(table.value(0, table.featureIndex("mfcc5"))).isEqualTo(-6.3f);
    assertThat(table.value(0, table.featureIndex("tempo"))).isEqualTo(123.05f);
    assertThat(table.value(0, table.featureIndex("energy"))).isEqualTo(0.1f);
    // 20 log10(0.1) = -20 dB
    assertThat(table.value(0, table.featureIndex("loudness"))).isCloseTo(-20f, within(1e-4f));
    assertThat(table.value(0, table.featureIndex("spectral_centroid"))).isEqualTo(1784.1f);
    assertThat(table.value(0, table.featureIndex("spectral_rolloff"))).isEqualTo(3805.8f);
    assertThat(table.value(0, table.featureIndex("spectral_bandwidth"))).isEqualTo(2002.4f);
    for (String missing : new String[] {"beat_strength", "happy", "sad", "energetic", "calm"}) {
      assertThat(table.value(0, table.featureIndex(missing))).as(missing).isNaN();
    }
    assertThat(table.findFeature("length")).isNegative();
  }

  @Test
  void badInputNamesFileLineAndColumn() {
    String row = "blues.00000.wav,661794,0.35,0.1,0.002,1784.1,2002.4,3805.8,123.05,-113.5,2564.2,121.5,-19.1,42.3,-6.3,18.6,blues";
    assertThatThrownBy(() -> read(HEADER.replace("tempo,", "") + "\n"))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("features_30_sec.csv:1: field 'tempo' has no column named 'tempo'");
    assertThatThrownBy(() -> read(HEADER + "\n" + row.replace("123.05", "fast") + "\n"))
        .hasMessageContaining("features_30_sec.csv:2: field 'tempo' ('fast') is not a number");
    assertThatThrownBy(() -> read(HEADER + "\n" + row.replace(",-19.1,", ",,") + "\n"))
        .hasMessageContaining(":2: field 'mfcc3_mean' is empty");
    assertThatThrownBy(() -> read(HEADER + "\n" + row.substring(0, row.indexOf(",18.6")) + "\n"))
        .hasMessageContaining(":2: field 'label' is missing: the row has 15 fields");
    assertThatThrownBy(() -> read(HEADER + "\n" + row.replace(",2564.2,", ",3e40,") + "\n"))
        .hasMessageContaining(":2: field 'mfcc1_var' ('3e40') is not a finite number");
    assertThatThrownBy(() -> read(HEADER + "\n" + row.replace(",0.1,", ",-0.1,") + "\n"))
        .hasMessageContaining(":2: field 'rms_mean' ('-0.1') is negative");
  }

  @Test
  void readsTheSharedGtzanFile() throws IOException {
    Path file = SharedData.require("gtzan/features_30_sec.csv");
    FeatureDataset dataset = new GtzanReader().read(file);
    FeatureTable table = dataset.table();

    assertThat(table.trackCount()).isEqualTo(1000);
    // 16 standard names + 57 source features - 10 mapped onto standard ones.
    assertThat(table.featureCount()).isEqualTo(16 + 47);
    assertThat(dataset.summary().rowsSkipped()).isZero();
    long genres = java.util.stream.IntStream.range(0, 1000).mapToObj(t -> table.genres(t).get(0)).distinct().count();
    assertThat(genres).isEqualTo(10);
    for (float value : table.values()) {
      assertThat(Float.isInfinite(value)).isFalse();
    }
  }
}
