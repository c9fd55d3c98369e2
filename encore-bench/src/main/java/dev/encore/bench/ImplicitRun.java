package dev.encore.bench;

import dev.encore.als.Solver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The implicit peer's run: the driver writes the very split every Encore child trains and is
 * scored on (same reader, same seeded splitter, Encore's dense indices as IDs) as the train/test
 * TSV pair implicit's driver reads, checks the peer can run, and runs it in its own Python
 * process. Any step that fails is a {@link PeerUnavailableException}, so the run goes on without
 * implicit.
 */
final class ImplicitRun {
  /** bench_implicit.py warms recommend-all up on users 0 to 511 and fails on fewer. */
  static final int DRIVER_WARMUP_USERS = 512;
  private final ImplicitPeer peer;
  private final PrintStream log;

  ImplicitRun(ImplicitPeer peer, PrintStream log) {
    this.peer = peer;
    this.log = log;
  }

  ChildFigures run(ChildRequest request) throws PeerUnavailableException, IOException {
    Path work = request.workFolder().resolve("implicit");
    Files.createDirectories(work);
    peer.ensureRunnable(work);
    Path train = work.resolve("train.tsv");
    Path test = work.resolve("test.tsv");
    List<String> command = driverCommand(request, train, test);
    writeSplit(request, train, test);

    Path driverLog = work.resolve("driver.log");
    List<String> output = runDriver(command, driverLog);
    ImplicitResult result;
    try {
      result = ImplicitResult.fromOutput(output);
    } catch (IllegalArgumentException e) {
      throw new PeerUnavailableException("reading implicit's RESULT line", e.getMessage(), driverLog);
    }
    List<String> notes = List.of(
        String.format(Locale.ROOT, "implicit %s (Python process, OpenMP %d threads, BLAS %s): %s, lambda %s"
            + " unscaled, matrix value 1 + alpha r as implicit's confidence; driver log %s", result.version(),
            request.threads(), result.blas(), request.solver() == Solver.CG
                ? "conjugate gradient, " + ImplicitDriverCommand.DRIVER_CG_STEPS + " steps" : "Cholesky",
            request.regularization(), driverLog),
        "implicit: precision@10 and ndcg@10 are implicit's ranking_metrics_at_k (Encore's evaluator uses the same"
            + " definitions: precision pools hits over min(10, |test items|)); recall@10 is the driver's"
            + " Encore-definition figure (mean hits / |test items|); scored on the same held-out entries as Encore"
            + " (--eval-users applies to it too)",
        String.format(Locale.ROOT, "implicit: other processes kept %.2f cores busy on average during its"
            + " iterations (the driver's /proc/stat measure; near 0 on an idle machine)",
            result.otherCoresDuringIterations()),
        "implicit: recommend-all filters played items, all users in one call; similar-all asks for 11 and drops"
            + " the item itself, timed on its second (warm) call (Encore's on its third: its JIT needs two to"
            + " settle); no memory, latency or model-file figures");
    return result.toFigures(notes);
  }

  private List<String> driverCommand(ChildRequest request, Path train, Path test) throws PeerUnavailableException {
    try {
      return ImplicitDriverCommand.of(peer.runScript(), request, train, test);
    } catch (IllegalArgumentException e) {
      throw new PeerUnavailableException("matching implicit's settings", e.getMessage(), null);
    }
  }

  private void writeSplit(ChildRequest request, Path train, Path test) throws IOException, PeerUnavailableException {
    HeldOutData data;
    try {
      data = HeldOutData.read(request.data(), request.testFraction(), request.splitSeed());
    } catch (OutOfMemoryError tooLarge) {
      // The split is read in this (the harness's) JVM, whose heap bin/encore-bench sets to 4 GB by
      // default: too small for synth-100m. Its structures are unreachable once this is thrown, so
      // the run goes on without implicit instead of losing the figures of the systems already run.
      throw new PeerUnavailableException("reading the split to write implicit's files", String.format(Locale.ROOT,
          "the harness's heap (%d MiB) cannot hold %s; give it more with ENCORE_BENCH_JAVA_OPTS=-Xmx16g",
          Runtime.getRuntime().maxMemory() >> 20, request.data().getFileName()), null);
    }
    if (data.train().users().size() < DRIVER_WARMUP_USERS) {
      throw new PeerUnavailableException("matching implicit's settings", "its driver needs at least "
          + DRIVER_WARMUP_USERS + " users (it warms up on the first " + DRIVER_WARMUP_USERS + "), the split has "
          + data.train().users().size(), null);
    }
    log.printf(Locale.ROOT, "[implicit] split read in %.1f s; writing %s and %s%n", data.readSeconds(), train, test);
    IndexedTsv.writeSplitFile(data.train(), train);
    IndexedTsv.writeSplitFile(EvaluationSample.firstUsers(data.test(), request.evaluationUsers()), test);
  }

  /** Runs the driver, relaying its output to the log and to {@code driverLog}; its lines, for the RESULT. */
  private List<String> runDriver(List<String> command, Path driverLog) throws PeerUnavailableException, IOException {
    log.println("[implicit] " + String.join(" ", command));
    List<String> output = new ArrayList<>();
    int exit;
    try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(driverLog, StandardCharsets.UTF_8))) {
      Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.add(line);
          file.println(line);
          log.println("[implicit] " + line);
        }
      }
      exit = driver.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnavailableException("running implicit's driver", "interrupted", driverLog);
    }
    if (exit != 0) {
      throw new PeerUnavailableException("running implicit's driver", "run.sh exited with " + exit, driverLog);
    }
    return output;
  }
}
