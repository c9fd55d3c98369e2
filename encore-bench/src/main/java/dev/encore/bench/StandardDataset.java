package dev.encore.bench;

import dev.encore.synth.SynthConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The benchmark's datasets: the synthetic generator's presets at its fixed default seed, so every
 * run (and every outside tool reading the exported TSV) sees the very same plays.
 */
public enum StandardDataset {
  SYNTH_1M("synth-1m", SynthConfig.oneMillion()),
  SYNTH_10M("synth-10m", SynthConfig.tenMillion()),
  SYNTH_100M("synth-100m", SynthConfig.hundredMillion());

  private final String label;
  private final SynthConfig config;

  StandardDataset(String label, SynthConfig config) {
    this.label = label;
    this.config = config;
  }

  /** The name used on the command line, in file names and in reports, e.g. {@code synth-10m}. */
  public String label() {
    return label;
  }

  public SynthConfig config() {
    return config;
  }

  /** The cached TSV's file name inside the data folder. */
  public String fileName() {
    return label + ".tsv";
  }

  /** The dataset named {@code label}; the error lists the valid names. */
  public static StandardDataset parse(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    for (StandardDataset dataset : values()) {
      if (dataset.label.equals(wanted)) {
        return dataset;
      }
    }
    throw new IllegalArgumentException("unknown dataset '" + label + "'; choose one of " + labels());
  }

  static String labels() {
    return Arrays.stream(values()).map(StandardDataset::label).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }

  /** Lets picocli accept {@code synth-1m} rather than the enum constant's name. */
  static final class Converter implements CommandLine.ITypeConverter<StandardDataset> {
    @Override
    public StandardDataset convert(String value) {
      return parse(value);
    }
  }
}
