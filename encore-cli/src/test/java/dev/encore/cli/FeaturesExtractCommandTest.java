package dev.encore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.audio.AudioFeatures;
import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesExtractCommandTest {
  private static final float RATE = 22_050f;

  @TempDir
  Path folder;

  @Test
  void extractsAFolderRecursivelyReportsTheBadFileAndKeepsTheOthers() throws IOException {
    Path music = Files.createDirectories(folder.resolve("music/sub"));
    AudioFiles.writePcm(folder.resolve("music/beat.wav"), RATE, 16, AudioSignals.clicks(120, 8, RATE, 0.1, 1));
    AudioFiles.writePcm(music.resolve("hum.WAV"), 44_100f, 24, AudioSignals.tone(1000, 0.3, 3, 44_100f));
    Path broken = Files.writeString(folder.resolve("music/broken.wav"), "not audio at all");
    Path notes = Files.writeString(folder.resolve("music/notes.txt"), "skipped: not an audio extension");
    Path output = folder.resolve("tracks.csv");

    CliRun run = CliRun.of("features", "extract", folder.resolve("music").toString(), "-o", output.toString(),
        "--genre", "test,synthetic", "--mood", "calm", "--threads", "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().filter(line -> line.startsWith("failed: ")))
        .containsExactly("failed: " + broken + ": is not audio this reads (WAV, AIFF, AU, MP3, FLAC or Ogg Vorbis);"
            + " it may be another format or not audio at all");
    assertThat(run.out()).contains("wrote 2 tracks", "1 failed", "1 other files skipped");
    assertThat(run.err()).contains(notes.normalize() + ": skipped, .txt is not a format this reads");
    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0)).isEqualTo("track,genre,mood," + String.join(",", AudioFeatures.NAMES));
    assertThat(lines).hasSize(3);
    assertThat(cell(lines, "beat", "tempo")).isCloseTo(120f, within(2f));
    assertThat(cell(lines, "hum", "spectral_centroid")).isCloseTo(1000f, within(11f));
    assertThat(lines.get(1)).startsWith("beat,test|synthetic,calm,");
    // Emotion flags cannot be heard: empty cells, read back as missing.
    assertThat(field(lines, "hum", "happy")).isEmpty();
  }

  @Test
  void allGoodFilesExitZeroWithAJsonSummary() throws Exception {
    Path input = AudioFiles.writePcm(folder.resolve("one.wav"), RATE, 16, AudioSignals.tone(440, 0.5, 1, RATE));
    Path output = folder.resolve("out/tracks.csv");

    CliRun run = CliRun.of("features", "extract", input.toString(), "--output", output.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("tracks").asInt()).isEqualTo(1);
    assertThat(summary.get("failed")).isEmpty();
    assertThat(summary.get("output").asText()).isEqualTo(output.toString());
    assertThat(Files.readAllLines(output)).hasSize(2);
  }

  @Test
  void clashingTrackIdsAndMissingPathsAreFailuresNotCrashes() throws IOException {
    float[] tone = AudioSignals.tone(300, 0.5, 1, RATE);
    Path wav = AudioFiles.writePcm(folder.resolve("same.wav"), RATE, 16, tone);
    Path aiff = AudioFiles.writeAiff(folder.resolve("same.aiff"), RATE, tone);
    Path missing = folder.resolve("absent.wav");
    Path output = folder.resolve("tracks.csv");

    CliRun run = CliRun.of("features", "extract", wav.toString(), aiff.toString(), missing.toString(), "-o",
        output.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("failed: " + missing + ": no such file or folder",
        "failed: " + aiff + ": track ID 'same' is already taken by " + wav);
    assertThat(Files.readAllLines(output)).hasSize(2);
  }

  @Test
  void whenEveryFileFailsTheOutputIsLeftAlone() throws IOException {
    Path bad = Files.write(folder.resolve("bad.wav"), new byte[] {1, 2, 3});
    Path output = Files.writeString(folder.resolve("tracks.csv"), "previous\n");

    CliRun run = CliRun.of("features", "extract", bad.toString(), "-o", output.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("failed: " + bad + ": ");
    assertThat(run.out()).contains("no track extracted");
    assertThat(Files.readString(output)).isEqualTo("previous\n");
  }

  @Test
  void aFolderWithoutAudioAndABadTagAreOneLineErrors() throws IOException {
    Files.createDirectories(folder.resolve("empty"));

    CliRun noAudio = CliRun.of("features", "extract", folder.resolve("empty").toString());
    CliRun badTag = CliRun.of("features", "extract", folder.toString(), "--genre", "rock|pop");

    assertThat(noAudio.exitCode()).isEqualTo(1);
    assertThat(noAudio.err()).startsWith("encore extract: no audio files in");
    assertThat(badTag.exitCode()).isEqualTo(1);
    assertThat(badTag.err()).contains("--genre 'rock|pop'");
  }

  private static float cell(List<String> lines, String track, String feature) {
    return Float.parseFloat(field(lines, track, feature));
  }

  private static String field(List<String> lines, String track, String feature) {
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    String row = lines.stream().filter(line -> line.startsWith(track + ",")).findFirst().orElseThrow();
    return row.split(",", -1)[header.indexOf(feature)];
  }
}
