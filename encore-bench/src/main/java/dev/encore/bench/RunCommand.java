package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.concurrent.Workers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore-bench run}: the side-by-side benchmark. Ensures the dataset is cached, measures
 * the memory bandwidth, runs each system in its own child JVM one after the other, and prints
 * one table (or, with {@code --json}, one JSON object).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train and serve with Encore, Spark MLlib and implicit on the same data, each in its own "
        + "process; print one table.")
final class RunCommand implements Callable<Integer> {
  /** 2 cores x 2.5 GHz x 32 FLOP/cycle (one 512-bit FMA per cycle: 16 float lanes x 2): nominal, not measured. */
  static final double DEFAULT_PEAK_GFLOPS = 160;

  @Option(names = "--dataset", converter = StandardDataset.Converter.class, paramLabel = "NAME",
      description = "synth-1m, synth-10m or synth-100m (default: ${DEFAULT-VALUE}).")
  StandardDataset dataset = StandardDataset.SYNTH_1M;

  @Option(names = "--factors", description = "Latent factors, Spark's rank (default: ${DEFAULT-VALUE}).")
  int factors = AlsConfig.DEFAULT_FACTORS;

  @Option(names = "--iterations", description = "ALS iterations, Spark's maxIter (default: ${DEFAULT-VALUE}).")
  int iterations = AlsConfig.DEFAULT_ITERATIONS;

  @Option(names = {"--regularization", "--lambda"},
      description = "lambda, Spark's regParam; ALS-WR-scaled for encore-wr and Spark (default: ${DEFAULT-VALUE}).")
  float regularization = AlsConfig.DEFAULT_REGULARIZATION;

  @Option(names = "--alpha",
      description = "Confidence c = 1 + alpha * plays, for all systems (default: ${DEFAULT-VALUE}).")
  float alpha = AlsConfig.DEFAULT_ALPHA;

  @Option(names = "--solver", converter = SolverConverter.class, paramLabel = "cg|cholesky",
      description = "Row solver of Encore and implicit; Spark MLlib always uses Cholesky (default: ${DEFAULT-VALUE}).")
  Solver solver = Solver.CG;

  @Option(names = "--cg-steps", description = "Encore's conjugate-gradient steps (default: ${DEFAULT-VALUE}).")
  int cgSteps = AlsConfig.DEFAULT_CG_STEPS;

  @Option(names = "--threads", description = "Threads per system, Spark's local[N] (default: all cores).")
  int threads = Workers.defaultThreads();

  @Option(names = "--heap", paramLabel = "SIZE", description = "Each child JVM's -Xmx (default: ${DEFAULT-VALUE}).")
  String heap = "12g";

  @Option(names = "--no-encore", description = "Skip the single-node Encore run.")
  boolean noEncore;

  @Option(names = "--no-spark", description = "Skip the Spark MLlib run.")
  boolean noSpark;

  @Option(names = "--no-encore-spark", description = "Skip the encore-spark run (Encore's solver on Spark, local mode).")
  boolean noEncoreSpark;

  @Option(names = "--no-implicit", description = "Skip the implicit run (Python, in its own process).")
  boolean noImplicit;

  @Option(names = "--implicit-peer", paramLabel = "DIR", description = "implicit's peer folder (run.sh, build.sh, "
      + "bench_implicit.py); default -Dencore.bench.implicit, else ../shared/peers/implicit beside the repository.")
  Path implicitPeer;

  @Option(names = "--no-encore-wr", description = "Skip the Encore run with ALS-WR regularisation (Spark's objective).")
  boolean noEncoreWr;

  @Option(names = "--latency-samples", description = "Timed single queries per latency figure, after as many "
      + "warm-up ones (default: ${DEFAULT-VALUE}).")
  int latencySamples = 2000;

  @Option(names = "--recommend-all-users", paramLabel = "N",
      description = "Time recommend-all on the first N users only; 0 for all (default: ${DEFAULT-VALUE}).")
  int recommendAllUsers;

  @Option(names = "--eval-users", paramLabel = "N", description = "Score precision@10 on the held-out entries of "
      + "the first N users only; 0 for all (default: ${DEFAULT-VALUE}).")
  int evaluationUsers;

  @Option(names = "--peak-gflops", description = "Peak FLOP/s the fractions are taken of; the default is this "
      + "machine's nominal 2 cores x 2.5 GHz x 32 FLOP/cycle (default: ${DEFAULT-VALUE}).")
  double peakGflops = DEFAULT_PEAK_GFLOPS;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset cache folder (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("bench-data");

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Scratch folder for the children (default: DATA-DIR/work).")
  Path workDir;

  @Option(names = "--export-tsv", paramLabel = "PATH",
      description = "Also copy the dataset to PATH as TSV for outside tools.")
  Path exportTsv;

  @Option(names = "--json", description = "Print the report as one JSON object instead of the table.")
  boolean json;

  @Option(names = "--save-json", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
  Path saveJson;

  @Override
  public Integer call() throws Exception {
    DatasetCache cache = new DatasetCache(dataDir, System.err);
    Path data = cache.ensure(dataset);
    if (exportTsv != null) {
      cache.export(dataset, exportTsv);
    }
    System.err.println("measuring memory bandwidth (triad, 3 x 256 MB) ...");
    double bandwidth = MemoryBandwidth.measure(MemoryBandwidth.DEFAULT_ELEMENTS, threads);
    System.err.printf(Locale.ROOT, "triad bandwidth %.1f GB/s%n", bandwidth / 1e9);

    RunSettings settings = new RunSettings(dataset, factors, iterations, regularization, alpha, solver, cgSteps, threads, heap,
        latencySamples, recommendAllUsers, evaluationUsers);
    Path work = (workDir != null ? workDir : dataDir.resolve("work")).toAbsolutePath();
    ChildLauncher launcher = new ChildLauncher(heap, System.err);
    ImplicitRun implicit = new ImplicitRun(new ImplicitPeer(
        implicitPeer != null ? implicitPeer.toAbsolutePath() : ImplicitPeer.defaultFolder()), System.err);
    Map<String, SystemReport> systems = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (BenchedSystem system : selectedSystems()) {
      ChildRequest request = settings.request(system, data.toAbsolutePath(), work);
      ChildFigures figures;
      if (system == BenchedSystem.IMPLICIT) {
        System.err.println("running implicit in its own Python process ...");
        try {
          figures = implicit.run(request);
        } catch (PeerUnavailableException e) {
          String why = "implicit skipped: " + e.getMessage();
          System.err.println(why);
          skipped.add(why);
          continue;
        }
      } else {
        System.err.println("running " + system + " in its own JVM ...");
        figures = launcher.run(request);
      }
      systems.put(system.label(), SystemReport.of(figures, settings, peakGflops, bandwidth));
    }
    if (systems.isEmpty()) {
      throw new IllegalStateException("no system ran: " + String.join("; ", skipped));
    }
    BenchReport report = BenchReport.assemble(settings, Machine.current(), peakGflops, bandwidth, systems, skipped);
    if (saveJson != null) {
      BenchJson.write(report, saveJson);
    }
    System.out.print(json ? BenchJson.write(report) + System.lineSeparator() : ReportTable.render(report));
    System.out.flush();
    return 0;
  }

  private List<BenchedSystem> selectedSystems() {
    List<BenchedSystem> systems = new ArrayList<>();
    if (!noEncore) {
      systems.add(BenchedSystem.ENCORE);
    }
    if (!noEncoreWr) {
      systems.add(BenchedSystem.ENCORE_WR);
    }
    if (!noEncoreSpark) {
      systems.add(BenchedSystem.ENCORE_SPARK);
    }
    if (!noSpark) {
      systems.add(BenchedSystem.SPARK);
    }
    if (!noImplicit) {
      systems.add(BenchedSystem.IMPLICIT);
    }
    return systems;
  }

  /** Lets picocli accept {@code cg} or {@code cholesky} as encore-cli does. */
  static final class SolverConverter implements picocli.CommandLine.ITypeConverter<Solver> {
    @Override
    public Solver convert(String value) {
      Solver solver = Solver.parse(value);
      if (solver == Solver.SUBSPACE) {
        // implicit and Spark have no subspace solver to run beside it, so it has its own command.
        throw new IllegalArgumentException("the subspace solver has no peer to run beside it here: time it against "
            + "conjugate gradient with encore-bench converge");
      }
      return solver;
    }
  }
}
