package dev.encore.synth;

import dev.encore.io.FeatureCsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link TrackCatalogue} in Encore's track CSV ({@link FeatureCsvWriter}): header
 * {@code track,genre,mood,} then {@link TrackProfile#FEATURE_NAMES}, one line per track.
 * Profiles are computed and written one at a time, so a 500,000-track catalogue never sits in
 * memory as a table.
 */
public final class TrackCsvWriter {
  private TrackCsvWriter() {
  }

  /** Creates or replaces {@code file} (UTF-8), only once every track is written. */
  public static void write(TrackCatalogue catalogue, Path file) throws IOException {
    try (FeatureCsvWriter writer = FeatureCsvWriter.open(file, TrackProfile.FEATURE_NAMES)) {
      for (int track = 0; track < catalogue.size(); track++) {
        TrackProfile profile = catalogue.profile(track);
        writer.writeTrack(profile.trackId(), profile.features(), List.of(profile.genre()), List.of(profile.mood()));
      }
      writer.commit();
    }
  }
}
