package dev.encore.store.testing;

import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCsvWriter;
import dev.encore.synth.TsvPlayWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A small synthetic catalogue and its plays written as {@code encore generate} writes them. */
public record SyntheticFiles(Path plays, Path tracks, long playRows, SynthConfig config) {

  /** 200 listeners x 100 tracks (the tiny preset) under {@code folder}. */
  public static SyntheticFiles tiny(Path folder) {
    return write(folder, SynthConfig.tiny());
  }

  public static SyntheticFiles write(Path folder, SynthConfig config) {
    PlayGenerator generator = new PlayGenerator(config);
    Path plays = folder.resolve("plays.tsv");
    Path tracks = folder.resolve("tracks.csv");
    try {
      long rows;
      try (TsvPlayWriter writer = TsvPlayWriter.open(plays, generator)) {
        rows = generator.generate(writer);
      }
      TrackCsvWriter.write(generator.catalogue(), tracks);
      return new SyntheticFiles(plays, tracks, rows, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
