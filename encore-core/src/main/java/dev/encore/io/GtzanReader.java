package dev.encore.io;

import dev.encore.content.FeatureTable;
import dev.encore.content.StandardFeatures;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the GTZAN features file ({@code features_30_sec.csv}, or the 3-second variant: one row per
 * excerpt, the mean and variance of librosa features, the genre in {@code label}) into a
 * {@link FeatureTable} on Encore's vector. The file name is the track ID and the label its genre tag.
 *
 * <p>Mapped onto the standard vector: {@code mfcc1..5} from {@code mfcc1_mean..mfcc5_mean},
 * {@code tempo} from {@code tempo} (BPM), {@code energy} from {@code rms_mean},
 * {@code loudness} derived as {@code 20 log10(rms_mean)} dB (missing when the RMS is 0),
 * {@code spectral_centroid}, {@code spectral_rolloff} and {@code spectral_bandwidth} from their
 * {@code _mean} columns. GTZAN has no beat strength and no emotion flags: those stay missing.
 * Every other numeric column (variances, MFCC 6-20, chroma, zero-crossing rate, harmonic and
 * percussive parts) is kept as an extra feature under its GTZAN name; {@code length} (a sample
 * count, not a sound property) is dropped.
 *
 * <p>Every cell must be filled: a missing column, a short row, a value that is not a finite number
 * or a negative RMS stops the read with a {@link DatasetFormatException} naming file, line and column.
 */
public final class GtzanReader {
  public static final String FILENAME = "filename";
  public static final String LABEL = "label";
  /** Columns that are neither features nor IDs. */
  static final Set<String> DROPPED = Set.of("length");
  /** Encore's standard features taken straight from a GTZAN column. */
  public static final Map<String, String> STANDARD_COLUMNS = standardColumns();
  /** The GTZAN column loudness is derived from. */
  public static final String RMS = "rms_mean";
  /** Features computed from other columns rather than read. */
  public static final Set<String> DERIVED_FEATURES = Set.of("loudness");

  private final boolean skipBad;

  public GtzanReader() {
    this(false);
  }

  public GtzanReader(boolean skipBad) {
    this.skipBad = skipBad;
  }

  private static Map<String, String> standardColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      columns.put("mfcc" + i, "mfcc" + i + "_mean");
    }
    columns.put("tempo", "tempo");
    columns.put("energy", RMS);
    columns.put("spectral_centroid", "spectral_centroid_mean");
    columns.put("spectral_rolloff", "rolloff_mean");
    columns.put("spectral_bandwidth", "spectral_bandwidth_mean");
    return Map.copyOf(columns);
  }

  public FeatureDataset read(Path file) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = rows().read(file, collector::bind);
    return new FeatureDataset(collector.build(file.toString()), summary);
  }

  /** Reads from an open reader; {@code source} names it in messages. The caller closes it. */
  public FeatureDataset read(BufferedReader lines, String source) throws IOException {
    Collector collector = new Collector();
    ReadSummary summary = rows().read(lines, source, collector::bind);
    return new FeatureDataset(collector.build(source), summary);
  }

  private DelimitedRows rows() {
    return new DelimitedRows(',', true, StandardCharsets.US_ASCII, skipBad);
  }

  private static final class Collector {
    private FeatureTable.Builder builder;

    DelimitedRows.Handler bind(DelimitedRows.Header header) {
      header.requireNamedOnce();
      int filename = header.indexOf(Column.named(FILENAME), FILENAME);
      int label = header.indexOf(Column.named(LABEL), LABEL);
      List<String> names = new ArrayList<>(StandardFeatures.NAMES);
      // source[f]: the column feature f is read from; -1 when missing or derived.
      List<Integer> source = new ArrayList<>();
      Set<String> mapped = new HashSet<>(STANDARD_COLUMNS.values());
      mapped.remove(RMS);
      for (String standard : StandardFeatures.NAMES) {
        String column = STANDARD_COLUMNS.get(standard);
        source.add(column == null ? -1 : header.indexOf(Column.named(column), column));
      }
      int rms = header.indexOf(Column.named(RMS), RMS);
      for (int column = 0; column < header.names().size(); column++) {
        String name = header.names().get(column);
        if (column != filename && column != label && !DROPPED.contains(name) && !mapped.contains(name)
            && !name.equals(RMS)) {
          names.add(name);
          source.add(column);
        }
      }
      int energy = StandardFeatures.NAMES.indexOf("energy");
      int loudness = StandardFeatures.NAMES.indexOf("loudness");
      builder = FeatureTable.builder(names);
      int width = header.names().size();
      Set<String> ids = new HashSet<>();
      return row -> {
        if (row.fieldCount() > width) {
          throw row.bad(null, null, "has " + row.fieldCount() + " fields, the header has " + width);
        }
        String id = row.text(filename, FILENAME);
        String genre = row.text(label, LABEL);
        float[] values = new float[names.size()];
        for (int f = 0; f < values.length; f++) {
          int column = source.get(f);
          values[f] = column < 0 ? Float.NaN : row.signed(column, header.names().get(column));
        }
        float rmsMean = row.number(rms, RMS);
        values[energy] = rmsMean;
        values[loudness] = rmsMean > 0 ? (float) (20 * Math.log10(rmsMean)) : Float.NaN;
        if (!ids.add(id)) {
          throw row.bad(FILENAME, id, "is described twice");
        }
        builder.add(id, values, List.of(genre), List.of());
      };
    }

    FeatureTable build(String source) {
      if (builder == null) {
        throw new DatasetFormatException(source, 1, null, null, "is missing: the file is empty, with no header line");
      }
      return builder.build();
    }
  }
}
