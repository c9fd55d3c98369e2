package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchExtractionTest {
  @TempDir
  Path folder;

  @Test
  void outcomesFollowTheFileOrderWhateverTheThreadsAndFailuresKeepTheirReason() throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      float[] tone = AudioSignals.tone(200 + 100 * i, 0.4, 0.5, 22_050f);
      files.add(AudioFiles.writePcm(folder.resolve("t" + i + ".wav"), 22_050f, 16, tone));
    }
    files.add(2, Files.writeString(folder.resolve("bad.wav"), "text"));
    files.add(Files.writeString(folder.resolve("a,b.wav"), "never read"));

    AtomicInteger done = new AtomicInteger();
    List<BatchExtraction.Outcome> serial = new BatchExtraction(new AudioFeatureExtractor(), 1).run(files, () -> { });
    List<BatchExtraction.Outcome> parallel = new BatchExtraction(new AudioFeatureExtractor(), 3)
        .run(files, done::incrementAndGet);

    assertThat(done.get()).isEqualTo(files.size());
    assertThat(parallel).extracting(BatchExtraction.Outcome::file).containsExactlyElementsOf(files);
    for (int i = 0; i < files.size(); i++) {
      BatchExtraction.Outcome one = serial.get(i);
      BatchExtraction.Outcome other = parallel.get(i);
      assertThat(other.succeeded()).isEqualTo(one.succeeded());
      if (one.succeeded()) {
        assertThat(other.features().values()).containsExactly(one.features().values());
      }
    }
    assertThat(parallel.get(2).failure()).startsWith(files.get(2) + ": is not audio");
    assertThat(parallel.get(7).failure()).contains("track ID 'a,b'", "rename the file");
    assertThat(parallel.get(0).trackId()).isEqualTo("t0");
  }

  @Test
  void aMixedFolderDecodesEveryFormatAndReportsWhatItSkippedAndWhatFailed() throws IOException, URISyntaxException {
    Path wav = CodecSignal.writeWav(folder.resolve("take-wav.wav"));
    Encoders.flac(wav, folder.resolve("take-flac.flac"));
    Encoders.mp3(wav, Files.createDirectories(folder.resolve("lossy")).resolve("take-mp3.mp3"), 128);
    Files.copy(Path.of(getClass().getResource("codec-signal.ogg").toURI()), folder.resolve("lossy/take-ogg.oga"));
    Path broken = Files.writeString(folder.resolve("broken.flac"), "not audio at all");
    Path notes = Files.writeString(folder.resolve("notes.txt"), "liner notes");

    AudioFileSearch.Result found = AudioFileSearch.find(List.of(folder));
    List<BatchExtraction.Outcome> outcomes = new BatchExtraction(new AudioFeatureExtractor(), 2).run(found.files(),
        () -> { });

    assertThat(found.skipped()).containsExactly(notes + ": skipped, .txt is not a format this reads (wav, wave, aif,"
        + " aiff, aifc, au, snd, mp3, flac, ogg, oga)");
    assertThat(outcomes).extracting(BatchExtraction.Outcome::trackId)
        .containsExactly("broken", "take-mp3", "take-ogg", "take-flac", "take-wav");
    assertThat(outcomes.get(0).failure()).isEqualTo(broken + ": is not audio this reads (WAV, AIFF, AU, MP3, FLAC or"
        + " Ogg Vorbis); it may be another format or not audio at all");
    for (BatchExtraction.Outcome decoded : outcomes.subList(1, outcomes.size())) {
      assertThat(decoded.failure()).as(decoded.trackId()).isNull();
      assertThat(decoded.features().value("tempo")).as(decoded.trackId()).isCloseTo(120f, within(1f));
    }
  }

  @Test
  void foldersAreSearchedByExtensionInPathOrder() throws IOException {
    Path sub = Files.createDirectories(folder.resolve("b"));
    Path second = Files.writeString(sub.resolve("x.AIFF"), "");
    Path first = Files.writeString(folder.resolve("a.wav"), "");
    Path third = Files.writeString(sub.resolve("y.Ogg"), "");
    Files.writeString(folder.resolve("cover.jpg"), "");
    Path named = Files.writeString(folder.resolve("named.m4a"), "");

    AudioFileSearch.Result found = AudioFileSearch.find(List.of(folder, named, folder.resolve("gone.wav")));

    assertThat(found.files()).containsExactly(first, second, third, named);
    assertThat(found.missing()).containsExactly(folder.resolve("gone.wav") + ": no such file or folder");
    assertThat(found.skipped()).as("named.m4a was named, so it is tried, not skipped")
        .containsExactly(folder.resolve("cover.jpg") + ": skipped, .jpg is not a format this reads (wav, wave, aif,"
            + " aiff, aifc, au, snd, mp3, flac, ogg, oga)");
    assertThat(AudioFileSearch.trackId(Path.of("dir/song.v2.wav"))).isEqualTo("song.v2");
    assertThat(AudioFileSearch.trackId(Path.of(".hidden"))).isEqualTo(".hidden");
  }
}
