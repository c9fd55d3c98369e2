package dev.encore.bench;

import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TsvPlayWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Test data: the synthetic generator's tiny preset written as the benchmark's TSV. */
final class TinyData {
  private TinyData() {}

  static Path write(Path folder) throws IOException {
    Path file = folder.resolve("tiny.tsv");
    PlayGenerator generator = new PlayGenerator(SynthConfig.tiny());
    try (TsvPlayWriter writer = TsvPlayWriter.open(file, generator)) {
      generator.generate(writer);
    }
    return file;
  }

  static RunSettings settings() {
    return new RunSettings(StandardDataset.SYNTH_1M, 8, 3, 0.05f, 1f, 3, 2, "1g", 50, 0, 0);
  }
}
