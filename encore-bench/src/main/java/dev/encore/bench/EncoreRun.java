package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.data.Interactions;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.model.FactorModel;
import dev.encore.model.ModelFile;
import dev.encore.model.NormScan;
import dev.encore.model.RecommendOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Encore child's measurements: train on the held-out data's training half, then time
 * recommend-all, single queries and loading the model file, and score the held-out half. Runs
 * in whatever JVM calls it: the driver forks one per system so memory figures are per system,
 * and the tests call it in-process on a tiny dataset.
 */
public final class EncoreRun {
  static final int TOP = 10;
  /** Users in the untimed recommend-all warm-up pass. */
  private static final int RECOMMEND_ALL_WARMUP_USERS = 512;

  /** Keeps query answers reachable so the JIT cannot drop the work that produced them. */
  private static volatile Object lastAnswer;

  private EncoreRun() {}

  public static ChildFigures run(ChildRequest request, PrintStream log) throws IOException {
    HeldOutData data = HeldOutData.read(request.data(), request.testFraction(), request.splitSeed());
    Interactions train = data.train();
    log.printf(Locale.ROOT, "[%s] read and split in %.1f s: train %s%n", request.system(), data.readSeconds(), train);
    System.gc();
    long dataRss = ProcessMemory.residentBytes();
    AlsConfig config = config(request);

    long warmupStart = System.nanoTime();
    LiveHeap liveHeap = new LiveHeap();
    new AlsTrainer(config.withIterations(1)).fit(train, liveHeap);
    double warmupSeconds = seconds(warmupStart);
    IterationTimes times = new IterationTimes();
    long fitStart = System.nanoTime();
    FactorModel model = new AlsTrainer(config).fit(train, times);
    double fitSeconds = seconds(fitStart);
    log.printf(Locale.ROOT, "[%s] fit %d iterations in %.2f s%n", request.system(), request.iterations(), fitSeconds);

    FactorModel recommendAllModel = FirstUsers.of(model, request.recommendAllUsers());
    FirstUsers.of(model, RECOMMEND_ALL_WARMUP_USERS).recommendAll(TOP, RecommendOptions.DEFAULT, request.threads());
    long recommendAllStart = System.nanoTime();
    NormScan recommendAllScan = recommendAllModel.recommendAllScan(TOP, RecommendOptions.DEFAULT, request.threads());
    double recommendAllSeconds = seconds(recommendAllStart);
    lastAnswer = recommendAllScan;
    long recommendAllUsers = recommendAllModel.users().size();

    // Untimed calls first (the first builds the unit-norm panels), then the timed one, as implicit's
    // driver times its warm call. Two, not one: after a single untimed call the timed one still ran
    // at 23,900 items/s in some JVMs and 36,000 in others, where the calls after it ran 34,000 to
    // 37,000 in both; implicit's compiled code has no such warm-up.
    for (int warmUp = 0; warmUp < 2; warmUp++) {
      lastAnswer = model.similarItemsAll(TOP, request.threads());
    }
    long similarAllStart = System.nanoTime();
    lastAnswer = model.similarItemsAll(TOP, request.threads());
    double similarAllSeconds = seconds(similarAllStart);

    int samples = request.latencySamples();
    Latencies recommend = Latencies.measure(train.users().size(), samples, samples,
        user -> lastAnswer = model.recommend(model.users().idOf(user), TOP, RecommendOptions.DEFAULT));
    Latencies similar = Latencies.measure(train.items().size(), samples, samples,
        item -> lastAnswer = model.similarItems(model.items().idOf(item), TOP));

    Path modelFile = request.workFolder().resolve(request.system().label() + ".encore");
    ModelFile.save(model, modelFile);
    long modelBytes = Files.size(modelFile);
    long loadStart = System.nanoTime();
    lastAnswer = ModelFile.load(modelFile);
    double loadSeconds = seconds(loadStart);
    Files.delete(modelFile);

    long evaluationStart = System.nanoTime();
    MetricReport quality = RankingEvaluator.evaluateTopK(model, train,
        EvaluationSample.firstUsers(data.test(), request.evaluationUsers()), TOP, request.threads());
    double evaluationSeconds = seconds(evaluationStart);
    log.printf(Locale.ROOT, "[%s] precision@10 %.4f (evaluated in %.3f s)%n", request.system(), quality.precision(),
        evaluationSeconds);

    List<Double> iterationSeconds = times.seconds();
    List<String> notes = new ArrayList<>();
    String solver = switch (config.solver()) {
      case CG -> "conjugate gradient, " + config.cgSteps() + " steps";
      case CHOLESKY -> "Cholesky";
      case SUBSPACE -> "subspace (iALS++), blocks of " + config.effectiveBlockSize();
    };
    notes.add(String.format(Locale.ROOT, "%s: %s, lambda %s%s", request.system(), solver, config.regularization(), config.scaleRegularization() ? " x row count (ALS-WR)" : ""));
    notes.add(request.system() + ": " + liveHeap.note(train, config.factors()));
    notes.add(String.format(Locale.ROOT, "%s: recommend-all scans the tracks in norm order and stops each listener once"
        + " |x_u| |y_i| cannot reach the 10th best: it computed %.1f%% of the listener x track scores (exact answers)",
        request.system(), 100 * recommendAllScan.computedShare()));
    return new ChildFigures(request.system(), train.users().size(), train.items().size(), train.nnz(),
        data.test().nnz(), data.readSeconds(), iterationSeconds, IterationTimes.median(iterationSeconds),
        IterationTimes.min(iterationSeconds), IterationTimes.max(iterationSeconds),
        "median of the trainer's per-iteration times", fitSeconds, warmupSeconds, ProcessMemory.peakResidentBytes(),
        dataRss, ProcessMemory.peakHeapBytes(), recommendAllUsers, recommendAllUsers / recommendAllSeconds, true,
        recommend.percentileMicros(50), recommend.percentileMicros(99), similar.percentileMicros(50),
        similar.percentileMicros(99), train.items().size() / similarAllSeconds, loadSeconds, modelBytes,
        quality.precision(), quality.ndcg(), quality.recall(), quality.users(), evaluationSeconds, "none", notes);
  }

  /** Encore's settings for the request: linear confidence as Spark's, ALS-WR only for encore-wr. */
  static AlsConfig config(ChildRequest request) {
    return AlsConfig.defaults()
        .withFactors(request.factors())
        .withIterations(request.iterations())
        .withRegularization(request.regularization())
        .withScaleRegularization(request.system() == BenchedSystem.ENCORE_WR)
        .withConfidence(Confidence.linear(request.alpha()))
        .withSolver(request.solver())
        .withCgSteps(request.cgSteps())
        .withThreads(request.threads());
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
