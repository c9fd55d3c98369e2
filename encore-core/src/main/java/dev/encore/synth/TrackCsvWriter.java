package dev.encore.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link TrackCatalogue} as CSV: header {@code track,genre,mood,} then
 * {@link TrackProfile#FEATURE_NAMES}, one line per track, profiles computed one at a time.
 * Genre and mood names never contain commas, so no field is quoted.
 */
public final class TrackCsvWriter {
  private TrackCsvWriter() {
  }

  /** Creates or replaces {@code file} as UTF-8. */
  public static void write(TrackCatalogue catalogue, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(catalogue, out);
    }
  }

  /** Writes to {@code out} without closing it. */
  public static void write(TrackCatalogue catalogue, Writer out) throws IOException {
    StringBuilder line = new StringBuilder("track,genre,mood");
    for (String name : TrackProfile.FEATURE_NAMES) {
      line.append(',').append(name);
    }
    out.append(line).append('\n');
    for (int track = 0; track < catalogue.size(); track++) {
      TrackProfile profile = catalogue.profile(track);
      line.setLength(0);
      line.append(profile.trackId()).append(',').append(profile.genre()).append(',').append(profile.mood());
      for (float feature : profile.features()) {
        line.append(',').append(feature);
      }
      out.append(line).append('\n');
    }
  }
}
