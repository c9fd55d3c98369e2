package dev.encore.cli;

import dev.encore.store.EncoreStore;
import dev.encore.store.ImportOptions;
import dev.encore.store.Importer;
import dev.encore.store.PlayFileFormat;
import dev.encore.store.PlayImportSummary;
import dev.encore.store.TrackImportSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code encore import}: plays and a track catalogue into the database; the work is {@link Importer}'s. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Load plays (MovieLens, Last.fm or TSV) and a track catalogue into the database: streamed,"
        + " in batches, idempotent (re-importing a file adds nothing).")
final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  StoreOptions storeOptions;

  @Option(names = "--plays", paramLabel = "PATH",
      description = "Plays: a TSV file (user, item, count[, timestamp]), or a MovieLens 100k or Last.fm 2k folder.")
  Path plays;

  @Option(names = "--format", paramLabel = "FORMAT", description = "tsv, movielens or lastfm (default: ${DEFAULT-VALUE}).")
  String format = "tsv";

  @Option(names = "--tracks", paramLabel = "FILE",
      description = "Track catalogue CSV (track,genre,mood,features...) as `encore generate --tracks-output` writes; imported first.")
  Path tracks;

  @Option(names = "--skip-bad-rows", description = "Skip and count bad rows instead of stopping at the first.")
  boolean skipBadRows;

  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
  int batchSize = ImportOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--source", paramLabel = "LABEL", description = "Source label stored with each play (default: ${DEFAULT-VALUE}).")
  String source = ImportOptions.DEFAULT_SOURCE;

  @Option(names = "--played-at", paramLabel = "INSTANT",
      description = "Time given to plays from a file without timestamps, e.g. 2026-01-31T00:00:00Z (default: ${DEFAULT-VALUE},"
          + " 'time unknown'). Keep it the same across runs: it is part of each play's identity.")
  String playedAt = Instant.EPOCH.toString();

  @Option(names = "--json", description = "Print one JSON object: what each file gave and what the database holds.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (plays == null && tracks == null) {
      throw new IllegalArgumentException("nothing to import: pass --plays PATH, --tracks FILE or both");
    }
    PlayFileFormat playFormat = PlayFileFormat.parse(format);
    ImportOptions options = new ImportOptions(batchSize, skipBadRows, source, untimedPlayedAt());
    PrintWriter out = spec.commandLine().getOut();
    try (EncoreStore store = EncoreStore.open(storeOptions.toConfig());
        ImportProgress progress = new ImportProgress(System.err)) {
      Importer importer = new Importer(store, options);
      Map<String, Object> report = new LinkedHashMap<>();
      if (tracks != null) {
        TrackImportSummary summary = importer.importTracks(tracks, progress);
        report.put("tracks", summary);
        if (!json) {
          out.println(summary);
          out.flush();
        }
      }
      if (plays != null) {
        PlayImportSummary summary = importer.importPlays(plays, playFormat, progress);
        report.put("plays", summary);
        if (!json) {
          out.println(summary);
        }
      }
      Holdings holdings = new Holdings(store.vendor(), store.listeners().count(), store.tracks().count(),
          store.plays().count());
      if (json) {
        report.put("database", holdings);
        JsonOutput.print(out, report);
      } else {
        out.printf(Locale.ROOT, "%s database now holds %,d listeners, %,d tracks, %,d plays%n", holdings.vendor(),
            holdings.listeners(), holdings.tracks(), holdings.plays());
        out.flush();
      }
    }
    return 0;
  }

  /** What the database holds once the import is done. */
  record Holdings(String vendor, long listeners, long tracks, long plays) {}

  private Instant untimedPlayedAt() {
    try {
      return Instant.parse(playedAt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--played-at '" + playedAt + "' is not an instant like 2026-01-31T00:00:00Z");
    }
  }
}
