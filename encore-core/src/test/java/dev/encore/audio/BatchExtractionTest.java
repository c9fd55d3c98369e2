package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.testing.AudioFiles;
import dev.encore.testing.AudioSignals;
import java.io.IOException;
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
  void foldersAreSearchedByExtensionInPathOrder() throws IOException {
    Path sub = Files.createDirectories(folder.resolve("b"));
    Path second = Files.writeString(sub.resolve("x.AIFF"), "");
    Path first = Files.writeString(folder.resolve("a.wav"), "");
    Files.writeString(folder.resolve("cover.jpg"), "");
    Path named = Files.writeString(folder.resolve("named.mp3"), "");

    AudioFileSearch.Result found = AudioFileSearch.find(List.of(folder, named, folder.resolve("gone.wav")));

    assertThat(found.files()).containsExactly(first, second, named);
    assertThat(found.missing()).containsExactly(folder.resolve("gone.wav") + ": no such file or folder");
    assertThat(found.skipped()).as("named.mp3 was named, so it is tried, not skipped")
        .containsExactly(folder.resolve("cover.jpg") + ": skipped, .jpg is not a format this reads (wav, wave, aif,"
            + " aiff, aifc, au, snd)");
    assertThat(AudioFileSearch.trackId(Path.of("dir/song.v2.wav"))).isEqualTo("song.v2");
    assertThat(AudioFileSearch.trackId(Path.of(".hidden"))).isEqualTo(".hidden");
  }
}
