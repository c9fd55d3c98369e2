package dev.encore.bench;

import dev.encore.als.Solver;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TsvPlayWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Test data: the synthetic generator's tiny preset written as the benchmark's TSV. */
final class TinyData {
  private TinyData() {}

  static Path write(Path folder) throws IOException {
    return write(folder, SynthConfig.tiny(), "tiny.tsv");
  }

  /** The small preset (2,000 listeners): for implicit's driver, which warms up on the first 512 users. */
  static Path writeSmall(Path folder) throws IOException {
    return write(folder, SynthConfig.small(), "small.tsv");
  }

  private static Path write(Path folder, SynthConfig config, String name) throws IOException {
    Path file = folder.resolve(name);
    PlayGenerator generator = new PlayGenerator(config);
    try (TsvPlayWriter writer = TsvPlayWriter.open(file, generator)) {
      generator.generate(writer);
    }
    return file;
  }

  static RunSettings settings() {
    return new RunSettings(StandardDataset.SYNTH_1M, 8, 3, 0.05f, 1f, Solver.CG, 3, 2, "1g", 50, 0, 0);
  }
}
