package dev.encore.cli;

import dev.encore.content.FeatureTable;
import dev.encore.io.FeatureCsvWriter;
import dev.encore.io.FeatureDataset;
import dev.encore.io.GtzanReader;
import dev.encore.io.TrackFeaturesReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore features import}: validates a table of track features (Encore's CSV or GTZAN's)
 * and writes it as Encore's track CSV, printing what it holds.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Validate track features from a CSV file and write them as Encore's track CSV.",
        "GTZAN's columns are mapped onto Encore's vector (see the README); the other columns are kept as extras."})
final class FeaturesImportCommand implements Callable<Integer> {
  /** The table formats {@code --from} accepts. */
  enum Source { CSV, GTZAN }

  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "FORMAT",
      description = "Format of FILE: csv (Encore's track CSV) or gtzan (GTZAN features_30_sec.csv).")
  Source from;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
  Path input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Track CSV to write (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("tracks.csv");

  @Option(names = "--skip-bad", description = "Skip and count bad rows instead of stopping at the first.")
  boolean skipBad;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  /** What was imported: counts and the missing values of each feature. */
  record Summary(String input, String format, String output, int tracks, int features, long rowsSkipped,
      List<String> firstSkipped, Set<String> genres, Set<String> moods, Map<String, Integer> missing) {
  }

  @Override
  public Integer call() throws Exception {
    FeatureDataset dataset = switch (from) {
      case CSV -> new TrackFeaturesReader(skipBad).read(input);
      case GTZAN -> new GtzanReader(skipBad).read(input);
    };
    FeatureTable table = dataset.table();
    if (table.trackCount() == 0) {
      throw new IllegalArgumentException(input + " holds no track to import; " + output + " not written");
    }
    FeatureCsvWriter.write(table, output);
    Summary summary = summarise(dataset);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, summary);
      return 0;
    }
    out.printf(Locale.ROOT, "imported %,d tracks with %d features, %d genres and %d moods from %s (%s) to %s%n",
        summary.tracks(), summary.features(), summary.genres().size(), summary.moods().size(), input, summary.format(), output);
    if (summary.rowsSkipped() > 0) {
      out.printf(Locale.ROOT, "skipped %,d bad rows, first: %s%n", summary.rowsSkipped(), summary.firstSkipped());
    }
    int complete = 0;
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Integer> feature : summary.missing().entrySet()) {
      if (feature.getValue() == 0) {
        complete++;
      } else {
        lines.append(String.format(Locale.ROOT, "  %-26s %,8d  (%5.1f%%)%n", feature.getKey(), feature.getValue(),
            100.0 * feature.getValue() / summary.tracks()));
      }
    }
    if (lines.length() > 0) {
      out.printf("missing values per feature:%n%s", lines);
    }
    out.printf(Locale.ROOT, "%d of %d features have a value for every track%n", complete, summary.features());
    out.flush();
    return 0;
  }

  private Summary summarise(FeatureDataset dataset) {
    FeatureTable table = dataset.table();
    Map<String, Integer> missing = new LinkedHashMap<>();
    int[] counts = table.missingCounts();
    for (int f = 0; f < counts.length; f++) {
      missing.put(table.featureNames().get(f), counts[f]);
    }
    Set<String> genres = new LinkedHashSet<>();
    Set<String> moods = new LinkedHashSet<>();
    for (int track = 0; track < table.trackCount(); track++) {
      genres.addAll(table.genres(track));
      moods.addAll(table.moods(track));
    }
    return new Summary(input.toString(), from.name().toLowerCase(Locale.ROOT), output.toString(), table.trackCount(), table.featureCount(),
        dataset.summary().rowsSkipped(), dataset.summary().firstSkipped(), genres, moods, missing);
  }
}
