package dev.encore.cli;

import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.io.TrackFeaturesReader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --features FILE}: the tracks' audio features and tags, which content and hybrid need. */
final class FeaturesOption {
  /** What the file is, for the error a strategy that needs it gives without it. */
  static final String WHAT = "the tracks' features and tags in Encore's track CSV"
      + " (`encore generate --tracks-output`, `encore features extract` or `encore features import` write one)";

  @Option(names = "--features", paramLabel = "FILE",
      description = "Track features and tags, Encore's track CSV (as `encore generate --tracks-output` writes).")
  Path file;

  boolean isSet() {
    return file != null;
  }

  /** The features as read. */
  FeatureTable load() throws IOException {
    return new TrackFeaturesReader().read(file).table();
  }

  /** The features as robust z-scores learned from the file's own catalogue; null without {@code --features}. */
  FeatureTable loadScaledOrNull() throws IOException {
    if (file == null) {
      return null;
    }
    FeatureTable raw = load();
    return raw.scaledBy(FeatureScaler.learn(raw));
  }
}
