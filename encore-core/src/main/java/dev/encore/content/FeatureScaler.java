package dev.encore.content;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Robust z-scores learned from a catalogue: each feature is centred on its median and divided by
 * its interquartile range (as a normal standard deviation, IQR / 1.349), falling back to the
 * median absolute deviation, then the standard deviation, when the quartiles coincide (a 0/1 flag
 * set on few tracks); heavily right-skewed non-negative features (variances) are compressed by a
 * logarithm first; scores are clipped to {@code [-clip, clip]} so one outlier cannot dominate a
 * cosine. Missing values (NaN) stay missing. An immutable record of plain values, so a model can
 * keep it (as JSON, or through {@link #writeTo}).
 *
 * @param features one scale per feature, in the order {@link #scale} lays out its output
 * @param clip the largest absolute scaled value
 */
public record FeatureScaler(List<FeatureScale> features, float clip) {
  /** Clipping at 4 robust standard deviations keeps 99.99% of normal data untouched. */
  public static final float DEFAULT_CLIP = 4f;
  private static final int FORMAT_VERSION = 1;
  private static final double IQR_PER_SIGMA = 1.349;
  private static final double MAD_PER_SIGMA = 1 / 1.4826;
  /** Log-compress when the upper tail (median to 95th percentile) is over twice the lower one. */
  private static final double SKEW_FOR_LOG = 2;

  public FeatureScaler {
    features = List.copyOf(features);
    if (!(clip > 0) || Float.isNaN(clip)) {
      throw new IllegalArgumentException("clip " + clip + " must be > 0");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (FeatureScale feature : features) {
      if (seen.put(feature.name(), seen.size()) != null) {
        throw new IllegalArgumentException("feature '" + feature.name() + "' is scaled twice");
      }
    }
  }

  /** Learns every feature's scale from {@code catalogue}, clipping at {@value #DEFAULT_CLIP}. */
  public static FeatureScaler learn(FeatureTable catalogue) {
    return learn(catalogue, DEFAULT_CLIP);
  }

  public static FeatureScaler learn(FeatureTable catalogue, float clip) {
    int width = catalogue.featureCount();
    float[] values = catalogue.values();
    List<FeatureScale> scales = new ArrayList<>(width);
    float[] column = new float[catalogue.trackCount()];
    for (int feature = 0; feature < width; feature++) {
      int present = 0;
      for (int track = 0; track < catalogue.trackCount(); track++) {
        float value = values[track * width + feature];
        if (!Float.isNaN(value)) {
          column[present++] = value;
        }
      }
      scales.add(learnOne(catalogue.featureNames().get(feature), Arrays.copyOf(column, present)));
    }
    return new FeatureScaler(scales, clip);
  }

  /**
   * Textbook z-scores, for comparison: mean and standard deviation, no logarithm, no clipping. One
   * outlier stretches a whole feature's scale, which is what the robust scaler avoids.
   */
  public static FeatureScaler standard(FeatureTable catalogue) {
    int width = catalogue.featureCount();
    float[] values = catalogue.values();
    List<FeatureScale> scales = new ArrayList<>(width);
    for (int feature = 0; feature < width; feature++) {
      double sum = 0;
      double sumSquares = 0;
      int present = 0;
      for (int track = 0; track < catalogue.trackCount(); track++) {
        float value = values[track * width + feature];
        if (!Float.isNaN(value)) {
          sum += value;
          sumSquares += value * (double) value;
          present++;
        }
      }
      double mean = present == 0 ? 0 : sum / present;
      double deviation = present == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares / present - mean * mean));
      scales.add(new FeatureScale(catalogue.featureNames().get(feature), false, 0f, (float) mean,
          deviation > 0 ? (float) deviation : 1f));
    }
    return new FeatureScaler(scales, Float.MAX_VALUE);
  }

  /** The feature names, in output order. */
  public List<String> featureNames() {
    return features.stream().map(FeatureScale::name).toList();
  }

  public int featureCount() {
    return features.size();
  }

  /**
   * The scaled values of every track of {@code table}, row-major, tracks by this scaler's
   * features. Columns are matched by name, so the table may order them differently; a feature
   * the table lacks is missing (NaN) for every track, a column this scaler does not know is left out.
   */
  public float[] scale(FeatureTable table) {
    int width = features.size();
    int[] sourceColumn = new int[width];
    for (int feature = 0; feature < width; feature++) {
      sourceColumn[feature] = table.findFeature(features.get(feature).name());
    }
    float[] raw = table.values();
    int tableWidth = table.featureCount();
    float[] scaled = new float[table.trackCount() * width];
    for (int track = 0; track < table.trackCount(); track++) {
      for (int feature = 0; feature < width; feature++) {
        int source = sourceColumn[feature];
        float value = source < 0 ? Float.NaN : raw[track * tableWidth + source];
        scaled[track * width + feature] = features.get(feature).scale(value, clip);
      }
    }
    return scaled;
  }

  /** One row, given in this scaler's feature order, scaled; NaN stays NaN. */
  public float[] scale(float[] row) {
    if (row.length != features.size()) {
      throw new IllegalArgumentException("a row of " + row.length + " values, want " + features.size()
          + " (" + featureNames() + ")");
    }
    float[] scaled = new float[row.length];
    for (int feature = 0; feature < row.length; feature++) {
      if (Float.isInfinite(row[feature])) {
        throw new IllegalArgumentException("feature '" + features.get(feature).name() + "' is " + row[feature]
            + "; values must be finite (NaN when unknown)");
      }
      scaled[feature] = features.get(feature).scale(row[feature], clip);
    }
    return scaled;
  }

  /** Writes this scaler in a small versioned binary form (big-endian, names as modified UTF-8). */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(FORMAT_VERSION);
    out.writeFloat(clip);
    out.writeInt(features.size());
    for (FeatureScale feature : features) {
      out.writeUTF(feature.name());
      out.writeBoolean(feature.logarithmic());
      out.writeFloat(feature.offset());
      out.writeFloat(feature.center());
      out.writeFloat(feature.spread());
    }
  }

  /** Reads what {@link #writeTo} wrote; a damaged or foreign input is an IOException saying why. */
  public static FeatureScaler readFrom(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("feature scaler format version " + version + ", this Encore reads " + FORMAT_VERSION);
    }
    float clip = in.readFloat();
    int count = in.readInt();
    if (count < 0 || count > 1_000_000) {
      throw new IOException("feature scaler claims " + count + " features; the data is corrupt");
    }
    List<FeatureScale> features = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        features.add(new FeatureScale(in.readUTF(), in.readBoolean(), in.readFloat(), in.readFloat(), in.readFloat()));
      }
      return new FeatureScaler(features, clip);
    } catch (IllegalArgumentException invalid) {
      throw new IOException("feature scaler data is corrupt: " + invalid.getMessage(), invalid);
    }
  }

  private static FeatureScale learnOne(String name, float[] values) {
    Objects.requireNonNull(name);
    if (values.length == 0) {
      return new FeatureScale(name, false, 0f, 0f, 1f);
    }
    Arrays.sort(values);
    boolean logarithmic = isRightSkewed(values);
    float offset = logarithmic ? (float) (quantile(values, 0.5) / 10) : 0f;
    if (logarithmic) {
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) Math.log(values[i] + offset);
      }
    }
    double center = quantile(values, 0.5);
    return new FeatureScale(name, logarithmic, offset, (float) center, (float) spread(values, center));
  }

  /** Non-negative with a positive median and an upper tail over twice as long as the lower one. */
  private static boolean isRightSkewed(float[] sorted) {
    double low = quantile(sorted, 0.05);
    double median = quantile(sorted, 0.5);
    double high = quantile(sorted, 0.95);
    return sorted[0] >= 0 && median > 0 && high - median > SKEW_FOR_LOG * (median - low);
  }

  /** IQR, else MAD, else standard deviation, each as a normal sigma; 1 for a constant feature. */
  private static double spread(float[] sorted, double center) {
    double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    if (iqr > 0) {
      return iqr / IQR_PER_SIGMA;
    }
    float[] deviations = new float[sorted.length];
    double sum = 0;
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = (float) Math.abs(sorted[i] - center);
      sum += sorted[i];
    }
    Arrays.sort(deviations);
    double mad = quantile(deviations, 0.5);
    if (mad > 0) {
      return mad / MAD_PER_SIGMA;
    }
    double mean = sum / sorted.length;
    double sumSquares = 0;
    for (float value : sorted) {
      sumSquares += (value - mean) * (value - mean);
    }
    double standardDeviation = Math.sqrt(sumSquares / sorted.length);
    return standardDeviation > 0 ? standardDeviation : 1;
  }

  /**
   * The q-quantile of sorted values with linear interpolation between order statistics (the
   * usual "type 7" definition). Two lines, so not worth a statistics library.
   */
  static double quantile(float[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * ((double) sorted[above] - sorted[below]);
  }
}
