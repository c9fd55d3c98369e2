package dev.encore.io;

import dev.encore.content.FeatureTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Encore's track CSV (the format {@link TrackCsvReader} parses and documents) into a
 * {@link FeatureTable}: one row per track, a feature's empty cell read as NaN (missing, never 0).
 * On top of the CSV's own rules a table holds each track once, so a repeated track ID is a bad
 * row naming its line; with {@code skipBad} bad rows are skipped and counted instead.
 */
public final class TrackFeaturesReader {
  private final boolean skipBad;

  public TrackFeaturesReader() {
    this(false);
  }

  public TrackFeaturesReader(boolean skipBad) {
    this.skipBad = skipBad;
  }

  public FeatureDataset read(Path file) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = csv().stream(file, collector);
    return new FeatureDataset(collector.build(file.toString()), summary);
  }

  /** Reads from an open reader; {@code source} names it in messages. The caller closes it. */
  public FeatureDataset read(BufferedReader lines, String source) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = csv().stream(lines, source, collector);
    return new FeatureDataset(collector.build(source), summary);
  }

  private TrackCsvReader csv() {
    return skipBad ? new TrackCsvReader().skippingBadRows() : new TrackCsvReader();
  }

  /** Lays the streamed rows out as a table in the file's feature order. */
  private static final class Collector implements CatalogueRowHandler {
    private FeatureTable.Builder builder;
    private List<String> featureNames;
    private final Set<String> ids = new HashSet<>();

    @Override
    public void featureColumns(List<String> names) {
      featureNames = names;
      builder = FeatureTable.builder(names);
    }

    @Override
    public void accept(CatalogueRow row) {
      if (!ids.add(row.trackId())) {
        throw TrackCsvReader.reject(row, TrackCsvReader.TRACK, row.trackId(), "is described twice");
      }
      Map<String, Float> features = row.features();
      float[] values = new float[featureNames.size()];
      for (int f = 0; f < values.length; f++) {
        values[f] = features.getOrDefault(featureNames.get(f), Float.NaN);
      }
      builder.add(row.trackId(), values, row.genres(), row.moods());
    }

    FeatureTable build(String source) {
      if (builder == null) {
        throw new DatasetFormatException(source, 1, null, null, "is missing: the file is empty, with no header line");
      }
      return builder.build();
    }
  }
}
