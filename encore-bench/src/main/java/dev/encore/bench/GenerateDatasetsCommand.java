package dev.encore.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code encore-bench generate}: writes the standard datasets to the cache folder, seeded. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate the standard datasets (fixed seed) into the data folder, skipping those already there.")
final class GenerateDatasetsCommand implements Callable<Integer> {
  @Option(names = "--dataset", split = ",", converter = StandardDataset.Converter.class, paramLabel = "NAME",
      description = "synth-1m, synth-10m, synth-100m (comma-separated or repeated; default: all three).")
  List<StandardDataset> datasets = List.of(StandardDataset.values());

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset cache folder (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("bench-data");

  @Option(names = "--export-tsv", paramLabel = "PATH",
      description = "Also copy the dataset (only one may be chosen) to PATH as TSV: user, item, value with a header.")
  Path exportTsv;

  @Override
  public Integer call() throws Exception {
    if (exportTsv != null && datasets.size() != 1) {
      throw new IllegalArgumentException("--export-tsv needs exactly one --dataset, got " + datasets);
    }
    DatasetCache cache = new DatasetCache(dataDir, System.err);
    for (StandardDataset dataset : datasets) {
      System.out.println(dataset + "\t" + cache.ensure(dataset).toAbsolutePath());
    }
    if (exportTsv != null) {
      cache.export(datasets.get(0), exportTsv);
    }
    return 0;
  }
}
