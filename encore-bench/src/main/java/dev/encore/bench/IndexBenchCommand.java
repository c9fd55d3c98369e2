package dev.encore.bench;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.concurrent.Workers;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.Split;
import dev.encore.index.IndexQuality;
import dev.encore.index.IndexSettings;
import dev.encore.index.ItemIndex;
import dev.encore.index.ItemIndexBuilder;
import dev.encore.index.Recall;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import dev.encore.model.FactorModel;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import dev.encore.synth.InteractionsSink;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore-bench index}: the approximate index against exact scoring on one catalogue, in
 * one JVM: build time and memory, recall@10 of recommendations (played tracks filtered) and of
 * similar tracks on queries the build never saw, one query's latency both ways, and
 * precision@10 on held-out plays through each.
 */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Approximate top-k index against exact scoring: recall, latency, build time, memory, precision.")
final class IndexBenchCommand implements Callable<Integer> {
  @Option(names = "--dataset", converter = StandardDataset.Converter.class, paramLabel = "NAME",
      description = "A standard dataset (synth-1m, synth-10m, synth-100m) instead of --tracks/--listeners/--plays.")
  StandardDataset dataset;

  @Option(names = "--tracks", paramLabel = "N", description = "Tracks of the generated catalogue (default: ${DEFAULT-VALUE}).")
  int tracks = 1_000_000;

  @Option(names = "--listeners", paramLabel = "N", description = "Listeners (default: ${DEFAULT-VALUE}).")
  int listeners = 20_000;

  @Option(names = "--plays", paramLabel = "N", description = "Plays to generate (default: ${DEFAULT-VALUE}).")
  long plays = 10_000_000L;

  @Option(names = "--expand-to", paramLabel = "N",
      description = "Grow the trained catalogue to N tracks: each new track is a trained track's factors, scaled "
          + "(log-normal, sigma 0.3) and perturbed (5% noise), so directions and norms keep the trained shape.")
  int expandTo;

  @Option(names = "--factors", paramLabel = "K", description = "Latent factors (default: ${DEFAULT-VALUE}).")
  int factors = 64;

  @Option(names = "--iterations", paramLabel = "N", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
  int iterations = 5;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for training and the index build (default: all cores).")
  int threads = Workers.defaultThreads();

  @Option(names = "--lists", paramLabel = "N", description = "Index lists (default: 0, 2 sqrt(tracks)).")
  int lists;

  @Option(names = "--target-recall", paramLabel = "R", description = "Recall the probe counts are chosen for (default: ${DEFAULT-VALUE}).")
  double targetRecall = IndexSettings.defaults(1).targetRecall();

  @Option(names = "--queries", paramLabel = "N",
      description = "Fresh listeners and tracks for recall and latency (default: ${DEFAULT-VALUE}).")
  int queries = 1_000;

  @Option(names = "--eval-users", paramLabel = "N",
      description = "Listeners whose held-out plays score precision@10 (default: ${DEFAULT-VALUE}).")
  int evalUsers = 20_000;

  @Option(names = "--kmeans-iterations", paramLabel = "N", description = "Spherical k-means iterations per level (default: ${DEFAULT-VALUE}).")
  int kmeansIterations = IndexSettings.defaults(1).iterations();

  @Option(names = "--sample-per-list", paramLabel = "N", description = "Items sampled per list for the clustering (default: ${DEFAULT-VALUE}).")
  int samplePerList = IndexSettings.defaults(1).samplePerList();

  @Option(names = "--curve", description = "Also print recall@10 against the number of lists probed.")
  boolean curve;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset cache folder (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("bench-data");

  @Override
  public Integer call() throws Exception {
    Split split = split();
    Interactions train = split.train();
    log("training %,d listeners x %,d tracks, %,d plays: %d factors, %d iterations, %d threads",
        train.users().size(), train.items().size(), train.nnz(), factors, iterations, threads);
    long trainStart = System.nanoTime();
    FactorModel model = new AlsTrainer(AlsConfig.defaults().withFactors(factors).withIterations(iterations)
        .withThreads(threads)).fit(train);
    double trainSeconds = seconds(trainStart);
    int k = factors;
    float[] items = model.itemFactors();
    int itemCount = train.items().size();
    if (expandTo > itemCount) {
      items = expand(items, itemCount, k, expandTo);
      itemCount = expandTo;
    }
    float[] users = model.userFactors();
    int userCount = train.users().size();
    log("building the index over %,d tracks", itemCount);
    IndexSettings settings = IndexSettings.defaults(threads).withTargetRecall(targetRecall).withLists(lists)
        .withClustering(kmeansIterations, samplePerList);
    // Built twice, as training's iterations are timed after one untimed: the first build in a JVM
    // also pays the JIT's compiles and, on a virtual machine, the host's first touch of the
    // gigabytes of heap it writes (BENCHMARKS.md: 2 to 8 s a GB there). Both times are printed.
    double firstBuildSeconds = ItemIndexBuilder.build(items, itemCount, k, users, userCount, train.userItems(),
        settings).quality().buildSeconds();
    log("built in %.2f s (first build in this JVM); building again", firstBuildSeconds);
    ItemIndex index = ItemIndexBuilder.build(items, itemCount, k, users, userCount, train.userItems(), settings);
    IndexQuality quality = index.quality();
    log("built in %.2f s: %,d lists, probes %d (recommendations) and %d (similar tracks), recall %.4f and %.4f",
        quality.buildSeconds(), quality.lists(), quality.scoreProbes(), quality.cosineProbes(), quality.scoreRecall(),
        quality.cosineRecall());

    Exact exact = new Exact(FactorPanels.of(items, itemCount, k, false), FactorPanels.of(items, itemCount, k, true));
    Csr played = train.userItems();
    SplittableRandom random = new SplittableRandom(11);
    int[] userSample = sample(random, userCount, queries);
    int[] itemSample = sample(random, itemCount, queries);
    final float[] itemFactors = items;
    double recommendRecall = 0;
    double similarRecall = 0;
    for (int q = 0; q < userSample.length; q++) {
      int user = userSample[q];
      BitSet blocked = playedBy(played, user);
      recommendRecall += Recall.overlap(exact.top(users, user * k, 10, blocked, false),
          index.topByScore(users, user * k, 10, blocked::get));
    }
    float[] unit = new float[k];
    for (int q = 0; q < itemSample.length; q++) {
      int item = itemSample[q];
      unitRow(itemFactors, item, k, unit);
      BitSet self = new BitSet();
      self.set(item);
      similarRecall += Recall.overlap(exact.top(unit, 0, 10, self, true), index.topByCosine(unit, 0, 10, self::get));
    }
    recommendRecall /= userSample.length;
    if (curve) {
      for (int probes : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512}) {
        double sumScore = 0;
        double sumCosine = 0;
        for (int q = 0; q < Math.min(200, userSample.length); q++) {
          int user = userSample[q];
          BitSet blocked = playedBy(played, user);
          sumScore += Recall.overlap(exact.top(users, user * k, 10, blocked, false),
              index.search(users, user * k, 10, blocked::get, probes, false));
          int item = itemSample[q];
          unitRow(itemFactors, item, k, unit);
          BitSet self = new BitSet();
          self.set(item);
          sumCosine += Recall.overlap(exact.top(unit, 0, 10, self, true), index.search(unit, 0, 10, self::get, probes, true));
        }
        int count = Math.min(200, userSample.length);
        log("probes %4d: recall@10 recommendations %.4f, similar tracks %.4f", probes, sumScore / count,
            sumCosine / count);
      }
    }
    similarRecall /= itemSample.length;

    int warmup = Math.min(200, queries);
    Latencies exactRecommend = Latencies.measure(userCount, warmup, queries,
        user -> exact.top(users, user * k, 10, playedBy(played, user), false));
    Latencies indexRecommend = Latencies.measure(userCount, warmup, queries,
        user -> index.topByScore(users, user * k, 10, playedBy(played, user)::get));
    float[] query = new float[k];
    Latencies exactSimilar = Latencies.measure(itemCount, warmup, queries, item -> {
      unitRow(itemFactors, item, k, query);
      exact.top(query, 0, 11, null, true);
    });
    Latencies indexSimilar = Latencies.measure(itemCount, warmup, queries, item -> {
      unitRow(itemFactors, item, k, query);
      index.topByCosine(query, 0, 11, null);
    });

    // Expanded tracks are copies no listener held out, so precision says nothing about them.
    double[] precision = expandTo > 0 ? null : precision(split, users, k, played, exact, index);
    print(trainSeconds, itemCount, k, firstBuildSeconds, quality, recommendRecall, similarRecall, exactRecommend, indexRecommend,
        exactSimilar, indexSimilar, precision);
    return 0;
  }

  private Split split() throws Exception {
    if (dataset != null) {
      Path tsv = new DatasetCache(dataDir, System.err).ensure(dataset);
      log("reading %s", tsv);
      return HeldOutData.read(tsv, 0.2, 1).split();
    }
    log("generating %,d listeners x %,d tracks, ~%,d plays", listeners, tracks, plays);
    PlayGenerator generator = new PlayGenerator(SynthConfig.of(listeners, tracks, plays, 20));
    InteractionsBuilder builder = new InteractionsBuilder();
    generator.generate(new InteractionsSink(builder, generator));
    return new RandomSplitter(0.2, 1).split(builder.build());
  }

  /** Exact top-n by a full scan, as {@code FactorModel} scores: every panel, then the selection. */
  private record Exact(FactorPanels scores, FactorPanels cosines) {
    List<ScoredItem> top(float[] query, int offset, int n, BitSet blocked, boolean cosine) {
      FactorPanels panels = cosine ? cosines : scores;
      float[] all = new float[panels.blocks() * Kernels.PANEL_WIDTH];
      panels.scoreAll(query, offset, all);
      if (blocked != null) {
        for (int item = blocked.nextSetBit(0); item >= 0; item = blocked.nextSetBit(item + 1)) {
          all[item] = Float.NEGATIVE_INFINITY;
        }
      }
      TopK top = new TopK(n);
      top.offerAbove(all, 0, panels.rows(), 0, Kernels.INSTANCE);
      return top.drainBestFirst();
    }
  }

  /** Pooled precision@10 (hits over min(10, |held out|)) of exact and indexed recommendations. */
  private double[] precision(Split split, float[] users, int k, Csr played, Exact exact, ItemIndex index) {
    Csr test = split.test().userItems();
    int[] indices = test.indices();
    long hitsExact = 0;
    long hitsIndex = 0;
    long possible = 0;
    int scored = 0;
    for (int user = 0; user < test.rows() && scored < evalUsers; user++) {
      int from = test.rowStart(user);
      int to = test.rowEnd(user);
      if (from == to) {
        continue;
      }
      scored++;
      BitSet heldOut = new BitSet();
      for (int p = from; p < to; p++) {
        heldOut.set(indices[p]);
      }
      BitSet blocked = playedBy(played, user);
      hitsExact += hits(exact.top(users, user * k, 10, blocked, false), heldOut);
      hitsIndex += hits(index.topByScore(users, user * k, 10, blocked::get), heldOut);
      possible += Math.min(10, to - from);
    }
    return new double[] {(double) hitsExact / possible, (double) hitsIndex / possible, scored};
  }

  private static long hits(List<ScoredItem> top, BitSet heldOut) {
    return top.stream().filter(item -> heldOut.get(item.index())).count();
  }

  private static BitSet playedBy(Csr played, int user) {
    BitSet blocked = new BitSet();
    int[] indices = played.indices();
    for (int p = played.rowStart(user); p < played.rowEnd(user); p++) {
      blocked.set(indices[p]);
    }
    return blocked;
  }

  private static void unitRow(float[] factors, int row, int k, float[] out) {
    float norm = Vectors.norm(factors, row * k, k);
    for (int a = 0; a < k; a++) {
      out[a] = norm > 0 ? factors[row * k + a] / norm : 0f;
    }
  }

  private static int[] sample(SplittableRandom random, int bound, int count) {
    return random.ints(Math.min(count, bound), 0, bound).toArray();
  }

  /** The trained tracks, then new ones drawn from them: factors scaled log-normally and perturbed. */
  private static float[] expand(float[] trained, int trainedCount, int k, int total) {
    float[] grown = java.util.Arrays.copyOf(trained, Math.multiplyExact(total, k));
    SplittableRandom random = new SplittableRandom(5);
    for (int item = trainedCount; item < total; item++) {
      int source = random.nextInt(trainedCount);
      float norm = Vectors.norm(trained, source * k, k);
      float scale = (float) Math.exp(0.3 * gaussian(random));
      float noise = (float) (0.05 * norm / Math.sqrt(k));
      for (int a = 0; a < k; a++) {
        grown[item * k + a] = scale * trained[source * k + a] + noise * (float) gaussian(random);
      }
    }
    return grown;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private void print(double trainSeconds, int itemCount, int k, double firstBuildSeconds, IndexQuality quality, double recommendRecall,
      double similarRecall, Latencies exactRecommend, Latencies indexRecommend, Latencies exactSimilar,
      Latencies indexSimilar, double[] precision) {
    System.out.printf(Locale.ROOT, "catalogue: %,d tracks x %d factors (%s); training %.1f s; %d threads; machine: %s%n",
        itemCount, k, expandTo > 0 ? "expanded from the trained tracks" : "trained", trainSeconds, threads,
        Machine.current().summary());
    System.out.printf(Locale.ROOT, "index: %,d lists; probes %d (recommendations), %d (similar tracks)%n",
        quality.lists(), quality.scoreProbes(), quality.cosineProbes());
    String row = "%-48s %14s %14s %12s%n";
    System.out.printf(Locale.ROOT, row, "figure", "exact", "index", "index/exact");
    System.out.printf(Locale.ROOT, row, "build, first in this JVM (s)", "-",
        String.format(Locale.ROOT, "%.2f", firstBuildSeconds), "");
    System.out.printf(Locale.ROOT, row, "build (s)", "-", String.format(Locale.ROOT, "%.2f", quality.buildSeconds()), "");
    System.out.printf(Locale.ROOT, row, "memory (MiB; item factors for exact)", mib(4L * itemCount * k),
        mib(quality.memoryBytes()), String.format(Locale.ROOT, "%.3fx", quality.memoryRatio()));
    System.out.printf(Locale.ROOT, row, "recall@10 recommendations (built / fresh)", "1",
        String.format(Locale.ROOT, "%.4f / %.4f", quality.scoreRecall(), recommendRecall), "");
    System.out.printf(Locale.ROOT, row, "recall@10 similar tracks (built / fresh)", "1",
        String.format(Locale.ROOT, "%.4f / %.4f", quality.cosineRecall(), similarRecall), "");
    latencyRow(row, "recommend one listener", exactRecommend, indexRecommend);
    latencyRow(row, "similar tracks of one track", exactSimilar, indexSimilar);
    if (precision == null) {
      return;
    }
    System.out.printf(Locale.ROOT, row, String.format(Locale.ROOT, "precision@10 (%,.0f listeners)", precision[2]),
        String.format(Locale.ROOT, "%.4f", precision[0]), String.format(Locale.ROOT, "%.4f", precision[1]),
        String.format(Locale.ROOT, "%.4f", precision[1] / precision[0]));
  }

  private static void latencyRow(String row, String what, Latencies exact, Latencies index) {
    for (double p : new double[] {50, 99}) {
      System.out.printf(Locale.ROOT, row, String.format(Locale.ROOT, "%s p%.0f (us)", what, p),
          String.format(Locale.ROOT, "%,.0f", exact.percentileMicros(p)),
          String.format(Locale.ROOT, "%,.0f", index.percentileMicros(p)),
          String.format(Locale.ROOT, "1/%.1f", exact.percentileMicros(p) / index.percentileMicros(p)));
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f", bytes / (1024.0 * 1024.0));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
