package dev.encore.index;

import dev.encore.concurrent.Workers;
import dev.encore.data.Csr;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import dev.encore.model.ScoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds an {@link ItemIndex} from item factors: clusters the transformed items into lists in two
 * levels (a coarse spherical k-means on a sample, then each coarse cluster split again), assigns
 * every item to its list through the coarse level, lays the lists out, then chooses how many lists
 * each question probes: the fewest that reach {@link IndexSettings#targetRecall()} on one sample
 * of queries, whose recall is then reported on another.
 *
 * <p>Two levels keep the build linear in the catalogue: each item is compared with about
 * 2 sqrt(lists) centroids instead of all of them (at 10^7 items and 6,000 lists, 160 instead of
 * 6,000 inner products).
 */
public final class ItemIndexBuilder {
  private static final int CHUNK_ROWS = 4096;
  /**
   * Probe counts tried, four steps to each doubling: reading recall off the list ranks makes a
   * step free, and a finer ladder stops closer to the fewest probes that reach the target.
   */
  private static final int[] PROBE_LADDER = {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64,
      80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560,
      3072, 3584, 4096, 5120, 6144, 7168, 8192, 10240, 12288, 14336, 16384};
  private static final int RECALL_AT = 10;
  private static final int NORM_BANDS = 8;
  /** The fewest lists the reference answers for choosing probe counts search (all, if fewer). */
  private static final int REFERENCE_MIN_PROBES = 16;
  /** How many times the chosen probes the reference answers search, at least. */
  private static final int REFERENCE_MARGIN = 8;

  private ItemIndexBuilder() {}

  /**
   * Builds the index over {@code items} rows of {@code itemFactors} (row-major, k each).
   * {@code userFactors} (may be null or empty) supplies the listeners whose recommendations the
   * probe count is chosen on; without them the tracks themselves stand in as queries.
   */
  public static ItemIndex build(float[] itemFactors, int items, int k, float[] userFactors, int users,
      IndexSettings settings) {
    return build(itemFactors, items, k, userFactors, users, null, settings);
  }

  /**
   * As {@link #build(float[], int, int, float[], int, IndexSettings)}, with each listener's played
   * tracks ({@code played}, listeners x items; may be null) left out of the answers the probe
   * counts are chosen and measured on, as recommendations leave them out: the answer then reaches
   * further down each listener's ranking, into lists probed later.
   */
  public static ItemIndex build(float[] itemFactors, int items, int k, float[] userFactors, int users, Csr played,
      IndexSettings settings) {
    long started = System.nanoTime();
    if (items < 1) {
      throw new IllegalArgumentException("an index needs at least one item");
    }
    int lists = settings.listsFor(items);
    SplittableRandom random = new SplittableRandom(settings.seed());
    int sampleSize = Math.min(items, Math.max(settings.samplePerList() * lists, Math.min(items, 20_000)));
    int[] sampleRows = SphericalKMeans.distinctRows(random, items, sampleSize);

    float[] norms = norms(itemFactors, items, k, settings.threads());
    float[] inverseNorms = new float[items];
    for (int i = 0; i < items; i++) {
      inverseNorms[i] = norms[i] > 0 ? 1f / norms[i] : 0f;
    }
    Transform direction = Transform.direction(itemFactors, k, inverseNorms);
    ScoreLists scoreLists = scoreLists(itemFactors, norms, items, k, lists, settings, random);
    Levels directionLevels = cluster(direction, sampleRows, lists, settings, random.nextLong());
    int[] directionListOf = assign(direction, null, items, directionLevels, settings.threads());
    DirectionLists directionLists = DirectionLists.of(itemFactors, inverseNorms, items, k, directionLevels.fineCount(),
        directionListOf, directionLevels.fineFirst(k));

    IndexQuality unmeasured = new IndexQuality(scoreLists.lists(), scoreLists.lists(), directionLists.lists(), 1, 1,
        0, 0, 0, 4L * items * k);
    ItemIndex index = new ItemIndex(k, items, scoreLists, directionLists, unmeasured);
    return calibrate(index, itemFactors, norms, inverseNorms, userFactors, users, played, settings, random, started);
  }

  /** Every item's norm, computed once for the bands, both transforms and the cosines. */
  private static float[] norms(float[] itemFactors, int items, int k, int threads) {
    float[] norms = new float[items];
    Workers.run(threads, (items + CHUNK_ROWS - 1) / CHUNK_ROWS, chunk -> {
      int end = Math.min(items, (chunk + 1) * CHUNK_ROWS);
      for (int i = chunk * CHUNK_ROWS; i < end; i++) {
        norms[i] = Vectors.norm(itemFactors, i * k, k);
      }
    });
    return norms;
  }

  /**
   * Norm-ranging lists (Yan et al. 2018): the items are cut into bands by norm, each band
   * clustered after Bachrach et al.'s transform with its own largest norm, into lists in
   * proportion to its size. With one largest norm for all items the extra coordinate outweighs
   * the direction of every item far below it, and the lists sort items by norm more than by
   * direction; clustering directions alone mixes norms in every list, so a list's centroid says
   * little about its best inner product (on 186,650 trained tracks, recall@10 at 64 of 864 lists
   * probed: 0.96 with one M, 0.93 by direction, 0.97 with bands).
   */
  private static ScoreLists scoreLists(float[] itemFactors, float[] norms, int items, int k, int lists,
      IndexSettings settings, SplittableRandom random) {
    int bands = Math.max(1, Math.min(NORM_BANDS, lists));
    int[] listOf = new int[items];
    List<float[]> centroids = new ArrayList<>();
    int listBase = 0;
    for (int[] rows : NormBands.of(norms, items, bands)) {
      if (rows.length == 0) {
        continue;
      }
      // Half the lists by size, half shared equally: a narrow top band still gets lists enough to
      // split its directions, or its one centroid would average them away and be probed late.
      double share = 0.5 * rows.length / items + 0.5 / bands;
      int bandLists = (int) Math.max(1, Math.min(rows.length, Math.round(lists * share)));
      int sampleSize = Math.min(rows.length, settings.samplePerList() * bandLists);
      int[] sample = SphericalKMeans.distinctRows(random, rows.length, sampleSize);
      for (int s = 0; s < sampleSize; s++) {
        sample[s] = rows[sample[s]];
      }
      float largestNorm = 0;
      for (int row : rows) {
        largestNorm = Math.max(largestNorm, norms[row]);
      }
      Transform bachrach = Transform.bachrach(itemFactors, k, norms, largestNorm);
      Levels levels = cluster(bachrach, sample, bandLists, settings, random.nextLong());
      int[] local = assign(bachrach, rows, rows.length, levels, settings.threads());
      for (int j = 0; j < rows.length; j++) {
        listOf[rows[j]] = listBase + local[j];
      }
      // [q, 0] . c' estimates q . y / M for the band's items: scaled by M, centroids of all bands compare.
      float[] scaled = levels.fineFirst(k);
      for (int a = 0; a < scaled.length; a++) {
        scaled[a] *= largestNorm;
      }
      centroids.add(scaled);
      listBase += levels.fineCount();
    }
    float[] allCentroids = new float[listBase * k];
    int offset = 0;
    for (float[] band : centroids) {
      System.arraycopy(band, 0, allCentroids, offset, band.length);
      offset += band.length;
    }
    return ScoreLists.of(itemFactors, items, k, listBase, listOf, allCentroids, settings.threads());
  }

  /** The coarse centroids, and the fine centroids (the lists) each coarse cluster was split into. */
  private record Levels(int d, float[] coarse, int coarseCount, int[] firstChild, float[] fine, int fineCount) {
    /** The fine centroids' first k coordinates, row-major. */
    float[] fineFirst(int k) {
      float[] rows = new float[fineCount * k];
      for (int c = 0; c < fineCount; c++) {
        System.arraycopy(fine, c * d, rows, c * k, k);
      }
      return rows;
    }
  }

  private static Levels cluster(Transform transform, int[] sampleRows, int lists, IndexSettings settings, long seed) {
    int d = transform.dimensions();
    int sampleSize = sampleRows.length;
    float[] sample = new float[sampleSize * d];
    for (int s = 0; s < sampleSize; s++) {
      transform.write(sampleRows[s], sample, s * d);
    }
    CoarseLevel level = CoarseLevel.train(sample, sampleSize, d,
        Math.max(1, Math.min(sampleSize, (int) Math.round(Math.sqrt(lists)))), settings, seed)
        .evened(sample, d, lists, settings, seed);
    int coarseCount = level.count();
    float[] coarse = level.centroids();
    int[] members = level.members();
    int[] firstChild = new int[coarseCount + 1];
    for (int c = 0; c < coarseCount; c++) {
      // Each coarse cluster gets lists in proportion to its share of the sample.
      int share = members[c] == 0 ? 0
          : (int) Math.max(1, Math.min(members[c], Math.round((double) lists * members[c] / sampleSize)));
      firstChild[c + 1] = firstChild[c] + share;
    }
    CoarseLevel.Grouped grouped = level.grouped(sample, d);
    int fineCount = firstChild[coarseCount];
    float[] fine = new float[fineCount * d];
    // One coarse cluster's split a task, each seeded by its cluster: the same centroids whatever the thread count.
    Workers.run(settings.threads(), coarseCount, c -> {
      int share = firstChild[c + 1] - firstChild[c];
      if (share > 0) {
        float[] rows = grouped.rowsOf(c, d);
        float[] child = SphericalKMeans.train(rows, members[c], d, share, settings.iterations(), seed + 1 + c, 1);
        System.arraycopy(child, 0, fine, firstChild[c] * d, child.length);
      }
    });
    return new Levels(d, coarse, coarseCount, firstChild, fine, fineCount);
  }

  /**
   * The list of each of {@code count} items ({@code rows[j]}, or item j when rows is null): its
   * nearest coarse centroid, then the nearest of that centroid's children.
   *
   * <p>Items are scored four at a time ({@link Kernels#scorePanelsQuad}), so each load of a
   * centroid panel feeds four items: one item at a time, the scoring waited on one load per
   * multiply-add. For the second level a chunk's items are first grouped by their coarse
   * centroid, so that four items share each child panel.
   */
  private static int[] assign(Transform transform, int[] rows, int count, Levels levels, int threads) {
    int d = levels.d();
    FactorPanels coarsePanels = FactorPanels.of(levels.coarse(), levels.coarseCount(), d, false);
    FactorPanels[] childPanels = new FactorPanels[levels.coarseCount()];
    int widest = 0;
    for (int c = 0; c < levels.coarseCount(); c++) {
      int from = levels.firstChild()[c];
      int children = levels.firstChild()[c + 1] - from;
      float[] centroids = java.util.Arrays.copyOfRange(levels.fine(), from * d, (from + children) * d);
      childPanels[c] = FactorPanels.of(centroids, children, d, false);
      widest = Math.max(widest, childPanels[c].blocks());
    }
    int blocks = Math.max(coarsePanels.blocks(), widest);
    int[] listOf = new int[count];
    int chunks = (count + CHUNK_ROWS - 1) / CHUNK_ROWS;
    // Rows whose own inner products rank the centroids are scored where they lie: copying each
    // scaled direction out first was 8% of a profile of the build at 10^7 items, and the direction
    // lists' assignment took 2.07 s with the copies, 1.93 s without.
    float[] inPlace = rows == null ? transform.rowsRankingAlike() : null;
    Workers.run(threads, chunks, () -> new AssignScratch(d, blocks, levels.coarseCount()), (scratch, chunk) -> {
      int first = chunk * CHUNK_ROWS;
      int size = Math.min(count, first + CHUNK_ROWS) - first;
      float[] vectors = inPlace != null ? inPlace : scratch.vectors;
      // Chunk row j is row (offset + j) of vectors.
      int offset = inPlace != null ? first : 0;
      if (inPlace == null) {
        for (int j = 0; j < size; j++) {
          transform.write(rows == null ? first + j : rows[first + j], vectors, j * d);
        }
      }
      int[] chunkRows = scratch.chunkRows;
      for (int j = 0; j < size; j++) {
        chunkRows[j] = offset + j;
      }
      int[] coarseOf = scratch.coarseOf;
      SphericalKMeans.nearest(coarsePanels, levels.coarseCount(), vectors, d, chunkRows, size, scratch.nearest,
          coarseOf);
      int[] starts = scratch.starts;
      java.util.Arrays.fill(starts, 0);
      for (int j = 0; j < size; j++) {
        int coarse = coarseOf[j];
        if (childPanels[coarse].rows() == 0) {
          coarse = nearestWithChildren(levels, coarse);
          coarseOf[j] = coarse;
        }
        starts[coarse + 1]++;
      }
      for (int c = 0; c < levels.coarseCount(); c++) {
        starts[c + 1] += starts[c];
      }
      int[] byCoarse = scratch.byCoarse;
      int[] next = scratch.next;
      System.arraycopy(starts, 0, next, 0, levels.coarseCount());
      for (int j = 0; j < size; j++) {
        byCoarse[next[coarseOf[j]]++] = offset + j;
      }
      int[] group = scratch.group;
      int[] child = scratch.child;
      for (int c = 0; c < levels.coarseCount(); c++) {
        int members = starts[c + 1] - starts[c];
        if (members == 0) {
          continue;
        }
        System.arraycopy(byCoarse, starts[c], group, 0, members);
        SphericalKMeans.nearest(childPanels[c], childPanels[c].rows(), vectors, d, group, members, scratch.nearest,
            child);
        for (int m = 0; m < members; m++) {
          listOf[first + group[m] - offset] = levels.firstChild()[c] + child[m];
        }
      }
    });
    return listOf;
  }

  /** One thread's buffers for {@link #assign}, each for a chunk of {@link #CHUNK_ROWS} items. */
  private static final class AssignScratch {
    final float[] vectors;
    final SphericalKMeans.Scratch nearest;
    final int[] chunkRows = new int[CHUNK_ROWS];
    final int[] coarseOf = new int[CHUNK_ROWS];
    final int[] byCoarse = new int[CHUNK_ROWS];
    final int[] group = new int[CHUNK_ROWS];
    final int[] child = new int[CHUNK_ROWS];
    final int[] starts;
    final int[] next;

    AssignScratch(int d, int blocks, int coarseCount) {
      vectors = new float[CHUNK_ROWS * d];
      nearest = new SphericalKMeans.Scratch(d, blocks);
      starts = new int[coarseCount + 1];
      next = new int[coarseCount];
    }
  }

  /** A coarse cluster that drew no sample rows has no lists: use the next one that has. */
  private static int nearestWithChildren(Levels levels, int coarse) {
    for (int step = 1; step < levels.coarseCount(); step++) {
      int candidate = (coarse + step) % levels.coarseCount();
      if (levels.firstChild()[candidate + 1] > levels.firstChild()[candidate]) {
        return candidate;
      }
    }
    throw new IllegalStateException("no coarse cluster has lists");
  }

  /**
   * Chooses each question's probe count on one sample of queries ({@link ProbeRanks}) and
   * measures recall@10 on another against exact answers ({@link Exact}).
   */
  private static ItemIndex calibrate(ItemIndex index, float[] itemFactors, float[] norms, float[] inverseNorms,
      float[] userFactors, int users, Csr played, IndexSettings settings, SplittableRandom random, long started) {
    int k = index.factors();
    Queries scoreQueries = userFactors != null && users > 0
        ? Queries.draw(userFactors, users, k, settings.sampleQueries(), random, false, played)
        : Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, false, null);
    Queries cosineQueries = Queries.draw(itemFactors, index.items(), k, settings.sampleQueries(), random, true,
        null);
    int threads = settings.threads();
    // Recommendations choose against exact answers: the norm bound makes them cheap, and answers
    // from a search of many lists (as similar tracks use) missed items that sit in low lists: at
    // 3,200 lists over 10^7 tracks they chose 8 probes, which reached 0.935 against exact answers
    // where 0.965 was asked.
    float[] listNorms = Exact.listNorms(index, norms);
    int scoreProbes = fewestProbes(index, scoreQueries.choose(), false,
        Exact.byScore(index, scoreQueries.choose(), listNorms, threads).answers(), settings.targetRecall(), threads);
    int cosineProbes = fewestProbes(index, cosineQueries.choose(), true, settings.targetRecall(), threads);
    double scoreRecall = Exact.byScore(index, scoreQueries.measure(), listNorms, threads).recall(scoreProbes);
    double cosineRecall = Exact.byCosine(index, cosineQueries.measure(), inverseNorms, threads).recall(cosineProbes);
    double seconds = (System.nanoTime() - started) / 1e9;
    return index.withQuality(new IndexQuality(index.lists(false), scoreProbes, cosineProbes, scoreRecall,
        cosineRecall, scoreQueries.measure().count(), seconds, index.memoryBytes(), 4L * index.items() * k));
  }

  /**
   * The fewest probes on the ladder whose recall reaches {@code target} against reference answers
   * that search {@link #REFERENCE_MIN_PROBES} lists, or more: until the reference searches at
   * least {@link #REFERENCE_MARGIN} times the probes chosen. Similar tracks need few lists
   * (2 to 8 in BENCHMARKS.md) and scan each by gathering rows from the model's factors, so a
   * fixed share of the lists as reference (an eighth took 11.7 s at 10^7 items) would cost far
   * more than the answer needs; and a reference of 64 lists, where 16 already check 2 probes,
   * cost 1.2 to 1.6 s of the build at 10^7 (0.5 to 0.9 s from 16, the same counts chosen).
   */
  private static int fewestProbes(ItemIndex index, QuerySet queries, boolean cosine, double target, int threads) {
    int lists = index.lists(cosine);
    int[] listOf = index.listOfItems(cosine);
    int reference = Math.min(lists, REFERENCE_MIN_PROBES);
    while (true) {
      List<List<ScoredItem>> answers = ProbeRanks.searchAll(index, queries, cosine, reference, threads);
      int chosen = fewestProbes(index, queries, cosine, answers, listOf, reference, target, threads);
      long wanted = (long) REFERENCE_MARGIN * chosen;
      if (reference >= lists || wanted <= reference) {
        return Math.min(chosen, lists);
      }
      reference = (int) Math.min(lists, wanted);
    }
  }

  /** The fewest probes on the ladder whose recall against the exact {@code answers} reaches {@code target}. */
  private static int fewestProbes(ItemIndex index, QuerySet queries, boolean cosine, List<List<ScoredItem>> answers,
      double target, int threads) {
    int lists = index.lists(cosine);
    return Math.min(lists, fewestProbes(index, queries, cosine, answers, index.listOfItems(cosine), lists, target,
        threads));
  }

  /**
   * The fewest probes on the ladder, below {@code ceiling}, whose recall against {@code answers}
   * reaches {@code target}; {@code ceiling} if none does.
   */
  private static int fewestProbes(ItemIndex index, QuerySet queries, boolean cosine, List<List<ScoredItem>> answers,
      int[] listOf, int ceiling, double target, int threads) {
    ProbeRanks ranks = ProbeRanks.of(index, queries, cosine, listOf, answers, threads);
    int rung = 0;
    while (rung < PROBE_LADDER.length && PROBE_LADDER[rung] < ceiling && ranks.recall(PROBE_LADDER[rung]) < target) {
      rung++;
    }
    int chosen = rung < PROBE_LADDER.length && PROBE_LADDER[rung] < ceiling ? PROBE_LADDER[rung] : ceiling;
    // The ranks count an answer's item as found only in its own list; a search that finds
    // another item of the same score (tracks with equal factors) is as good, which Recall
    // credits. So smaller counts are tried by searching, while they still reach the target.
    while (rung > 0 && ranks.searchedRecall(index, queries, cosine, PROBE_LADDER[rung - 1], threads) >= target) {
      rung--;
      chosen = PROBE_LADDER[rung];
    }
    return chosen;
  }

  /**
   * Recall at any probe count from one answer per query (exact, or a search of the reference's
   * lists): for each item of the answer the rank at which its list is probed is kept, and
   * probing p lists finds the items whose list ranks below p, because a list is scanned exactly
   * and the answer's items outscore the rest of every list. So the ladder costs one answer per
   * query, not one search per query and step (6.5 s at 10^7 items). It only chooses the probe
   * count: the recall reported is measured against exact answers on other queries.
   */
  private record ProbeRanks(List<List<ScoredItem>> answers, int[][] ranks) {
    /** Each query's answer from a search of {@code probes} lists. */
    static List<List<ScoredItem>> searchAll(ItemIndex index, QuerySet queries, boolean cosine, int probes,
        int threads) {
      int k = index.factors();
      List<List<ScoredItem>> answers = new ArrayList<>(java.util.Collections.nCopies(queries.count(), null));
      Workers.run(threads, queries.count(), q -> answers.set(q,
          index.search(queries.vectors(), q * k, RECALL_AT, queries.blocked(q), probes, cosine)));
      return answers;
    }

    static ProbeRanks of(ItemIndex index, QuerySet queries, boolean cosine, int[] listOf,
        List<List<ScoredItem>> answers, int threads) {
      int lists = index.lists(cosine);
      int k = index.factors();
      int[][] ranks = new int[queries.count()][];
      Workers.run(threads, queries.count(), q -> {
        List<ScoredItem> answer = answers.get(q);
        float[] scores = new float[index.listScoreSlots()];
        index.listScores(queries.vectors(), q * k, cosine, scores);
        int[] itemRanks = new int[answer.size()];
        for (int j = 0; j < itemRanks.length; j++) {
          float own = scores[listOf[answer.get(j).index()]];
          int above = 0;
          for (int list = 0; list < lists; list++) {
            if (scores[list] > own) {
              above++;
            }
          }
          itemRanks[j] = above;
        }
        ranks[q] = itemRanks;
      });
      return new ProbeRanks(answers, ranks);
    }

    /** Recall against the reference answers of real searches with {@code probes} lists. */
    double searchedRecall(ItemIndex index, QuerySet queries, boolean cosine, int probes, int threads) {
      if (answers.isEmpty()) {
        return 1;
      }
      int k = index.factors();
      double[] overlaps = new double[answers.size()];
      Workers.run(threads, answers.size(), q -> overlaps[q] = Recall.overlap(answers.get(q),
          index.search(queries.vectors(), q * k, RECALL_AT, queries.blocked(q), probes, cosine)));
      double sum = 0;
      for (double overlap : overlaps) {
        sum += overlap;
      }
      return sum / overlaps.length;
    }

    /** Mean share of each query's reference answer in its first {@code probes} lists. */
    double recall(int probes) {
      if (ranks.length == 0) {
        return 1;
      }
      double sum = 0;
      for (int[] itemRanks : ranks) {
        if (itemRanks.length == 0) {
          sum += 1;
          continue;
        }
        int found = 0;
        for (int rank : itemRanks) {
          if (rank < probes) {
            found++;
          }
        }
        sum += (double) found / itemRanks.length;
      }
      return sum / ranks.length;
    }
  }

  /** Each query's exact top 10, computed once, against which recall is taken. */
  private record Exact(ItemIndex index, QuerySet queries, boolean cosine, List<List<ScoredItem>> answers) {
    /** Each score list's largest item norm, the bound {@link #byScore} stops on. */
    static float[] listNorms(ItemIndex index, float[] itemNorms) {
      int[] listOf = index.listOfItems(false);
      float[] listNorms = new float[index.lists(false)];
      for (int item = 0; item < listOf.length; item++) {
        listNorms[listOf[item]] = Math.max(listNorms[listOf[item]], itemNorms[item]);
      }
      return listNorms;
    }

    /** By inner product: the score lists scanned from the largest norm down, as far as a norm bound needs. */
    static Exact byScore(ItemIndex index, QuerySet queries, float[] listNorms, int threads) {
      return new Exact(index, queries, false, index.scoreLists().exactByNorm(queries.vectors(), queries.count(),
          RECALL_AT, queries::blocked, listNorms, threads));
    }

    /** By cosine: every list's copy of the factors scanned, many queries at a time. */
    static Exact byCosine(ItemIndex index, QuerySet queries, float[] itemInverseNorms, int threads) {
      return new Exact(index, queries, true, index.scoreLists().exactBatch(queries.vectors(), queries.count(),
          RECALL_AT, queries.leftOut(), itemInverseNorms, threads));
    }

    /** Mean |top 10 probing {@code probes} lists ∩ exact top 10| / |exact top 10|. */
    double recall(int probes) {
      if (queries.count() == 0) {
        return 1;
      }
      double sum = 0;
      for (int q = 0; q < queries.count(); q++) {
        sum += Recall.overlap(answers.get(q), index.search(queries.vectors(), q * index.factors(), RECALL_AT,
            queries.blocked(q), probes, cosine));
      }
      return sum / queries.count();
    }
  }

  /**
   * Query vectors, row-major; for similar-track queries the track each one is ({@code selves}),
   * for recommendations the listener's played tracks ({@code played} rows {@code rows}), left out.
   */
  record QuerySet(float[] vectors, int[] selves, int[] rows, Csr played, int count) {
    /** Each query's left-out items, or null when none are. */
    int[][] leftOut() {
      if (selves == null && played == null) {
        return null;
      }
      int[][] items = new int[count][];
      for (int q = 0; q < count; q++) {
        items[q] = selves != null ? new int[] {selves[q]}
            : java.util.Arrays.copyOfRange(played.indices(), played.rowStart(rows[q]), played.rowEnd(rows[q]));
      }
      return items;
    }

    java.util.function.IntPredicate blocked(int query) {
      if (selves != null) {
        int self = selves[query];
        return item -> item == self;
      }
      if (played == null) {
        return null;
      }
      int row = rows[query];
      int from = played.rowStart(row);
      int to = played.rowEnd(row);
      int[] columns = played.indices();
      return item -> java.util.Arrays.binarySearch(columns, from, to, item) >= 0;
    }
  }

  /** Two disjoint samples of queries: one chooses the probe count, the other measures recall. */
  private record Queries(QuerySet choose, QuerySet measure) {
    static Queries draw(float[] factors, int rows, int k, int perSample, SplittableRandom random, boolean unitSelf,
        Csr played) {
      int count = Math.min(rows, 2 * perSample);
      int[] drawn = SphericalKMeans.distinctRows(random, rows, count);
      int half = count / 2;
      return new Queries(set(factors, k, drawn, 0, half, unitSelf, played),
          set(factors, k, drawn, half, count, unitSelf, played));
    }

    private static QuerySet set(float[] factors, int k, int[] rows, int from, int to, boolean unitSelf,
        Csr played) {
      int count = to - from;
      float[] vectors = new float[count * k];
      int[] selves = unitSelf ? new int[count] : null;
      int[] queryRows = java.util.Arrays.copyOfRange(rows, from, to);
      for (int q = 0; q < count; q++) {
        System.arraycopy(factors, rows[from + q] * k, vectors, q * k, k);
        if (unitSelf) {
          selves[q] = rows[from + q];
        }
      }
      if (unitSelf) {
        SphericalKMeans.normalizeRows(vectors, count, k);
      }
      return new QuerySet(vectors, selves, queryRows, played, count);
    }
  }

  /** What the lists cluster: each item written as a unit vector of {@link #dimensions()} floats. */
  private interface Transform {
    int dimensions();

    void write(int item, float[] out, int offset);

    /**
     * Row-major rows, one an item, whose inner products with any centroids rank them as the
     * written vectors' do (each a positive multiple of its vector), or null where there are none.
     */
    float[] rowsRankingAlike();

    /**
     * Bachrach et al. (2014): {@code y -> [y, sqrt(M^2 - |y|^2)] / M}, under which the largest
     * inner product with {@code [q, 0]} is the nearest direction; M is the largest norm of the
     * items it is used for.
     */
    static Transform bachrach(float[] factors, int k, float[] norms, float largestNorm) {
      float inverse = largestNorm > 0 ? 1f / largestNorm : 0f;
      return new Transform() {
        @Override
        public int dimensions() {
          return k + 1;
        }

        @Override
        public void write(int item, float[] out, int offset) {
          if (largestNorm == 0) {
            java.util.Arrays.fill(out, offset, offset + k, 0f);
            out[offset + k] = 1f;
            return;
          }
          int base = item * k;
          for (int a = 0; a < k; a++) {
            out[offset + a] = factors[base + a] * inverse;
          }
          double norm = norms[item];
          double rest = (double) largestNorm * largestNorm - norm * norm;
          out[offset + k] = (float) (Math.sqrt(Math.max(0, rest)) * inverse);
        }

        @Override
        public float[] rowsRankingAlike() {
          return null;
        }
      };
    }

    /** The item's direction, {@code y / |y|} (a zero row stays zero). */
    static Transform direction(float[] factors, int k, float[] inverseNorms) {
      return new Transform() {
        @Override
        public int dimensions() {
          return k;
        }

        @Override
        public void write(int item, float[] out, int offset) {
          float scale = inverseNorms[item];
          int base = item * k;
          for (int a = 0; a < k; a++) {
            out[offset + a] = factors[base + a] * scale;
          }
        }

        // A zero row stays zero either way, and every other is its direction times its norm.
        @Override
        public float[] rowsRankingAlike() {
          return factors;
        }
      };
    }
  }
}
