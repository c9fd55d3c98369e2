package dev.encore.model;

import dev.encore.als.AlsConfig;
import dev.encore.als.EntryConfidences;
import dev.encore.als.NormalEquations;
import dev.encore.concurrent.Workers;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.index.IndexPolicy;
import dev.encore.index.ItemIndex;
import dev.encore.linalg.FactorPanels;
import dev.encore.linalg.Gram;
import dev.encore.linalg.Kernels;
import dev.encore.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A trained matrix-factorisation model: user and item factors (row-major {@code float[]}), the
 * ID maps, the plays it was trained on (to skip played items and to explain), and the settings
 * that fold-in and explanations reuse. Immutable and safe to share between threads.
 */
public final class FactorModel implements Recommender {
  private final IdIndex users;
  private final IdIndex items;
  private final int factors;
  private final float[] userFactors;
  private final float[] itemFactors;
  private final Csr played;
  private final AlsConfig settings;
  private volatile FactorPanels itemPanels;
  private volatile FactorPanels cosineItemPanels;
  private volatile NormOrderedItems itemsByNorm;
  private volatile FactorPanels cosineUserPanels;
  private volatile double[] foldInGram;
  private final ThreadLocal<float[]> scratchScores = new ThreadLocal<>();
  private final ItemIndex index;
  private final IndexPolicy indexPolicy;

  public FactorModel(IdIndex users, IdIndex items, int factors, float[] userFactors, float[] itemFactors,
      Csr played, AlsConfig settings) {
    this(users, items, factors, userFactors, itemFactors, played, settings, null, IndexPolicy.DEFAULT);
  }

  private FactorModel(IdIndex users, IdIndex items, int factors, float[] userFactors, float[] itemFactors,
      Csr played, AlsConfig settings, ItemIndex index, IndexPolicy indexPolicy) {
    if (userFactors.length != users.size() * factors || itemFactors.length != items.size() * factors) {
      throw new IllegalArgumentException("factor arrays do not match " + users.size() + " users, "
          + items.size() + " items and " + factors + " factors");
    }
    if (played.rows() != users.size() || played.columns() != items.size()) {
      throw new IllegalArgumentException("played matrix is " + played.rows() + " x " + played.columns()
          + ", want " + users.size() + " x " + items.size());
    }
    this.users = Objects.requireNonNull(users);
    this.items = Objects.requireNonNull(items);
    this.factors = factors;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.played = played;
    this.settings = Objects.requireNonNull(settings);
    this.index = index;
    this.indexPolicy = Objects.requireNonNull(indexPolicy);
  }

  /**
   * This model answering recommendations and similar tracks through {@code itemIndex} (built
   * over this model's item factors, or over the first rows of them: tracks added since are
   * scored exactly beside it) wherever {@code policy} allows; null removes the index.
   */
  public FactorModel withIndex(ItemIndex itemIndex, IndexPolicy policy) {
    if (itemIndex != null && (itemIndex.factors() != factors || itemIndex.items() > items.size())) {
      throw new IllegalArgumentException("the index covers " + itemIndex.items() + " items x " + itemIndex.factors()
          + " factors; this model has " + items.size() + " x " + factors);
    }
    return new FactorModel(users, items, factors, userFactors, itemFactors, played, settings, itemIndex, policy);
  }

  /** The approximate index this model was given, if any (whether or not it serves: see {@link #exactBecause()}). */
  public Optional<ItemIndex> index() {
    return Optional.ofNullable(index);
  }

  /** Null when recommendations and similar tracks go through the index, else why every track is scored. */
  public String exactBecause() {
    return indexPolicy.whyExact(index, items.size());
  }

  private boolean indexServes() {
    return index != null && exactBecause() == null;
  }

  @Override
  public IdIndex users() {
    return users;
  }

  @Override
  public IdIndex items() {
    return items;
  }

  @Override
  public Csr played() {
    return played;
  }

  public int factors() {
    return factors;
  }

  public AlsConfig settings() {
    return settings;
  }

  /** Row-major users x factors; shared, do not modify. */
  public float[] userFactors() {
    return userFactors;
  }

  /** Row-major items x factors; shared, do not modify. */
  public float[] itemFactors() {
    return itemFactors;
  }

  /**
   * This model with {@code newItemIds} appended as items {@code items().size()} onwards, their
   * factors taken from {@code newItemFactors} (row-major, one row per new ID): how a track with
   * no plays gets item factors from elsewhere (such as a regression on its audio features) and can
   * then be recommended and listed as similar. Nobody has played the new items; the users, their
   * factors and the settings are shared with this model.
   */
  public FactorModel withItems(List<String> newItemIds, float[] newItemFactors) {
    if (newItemFactors.length != newItemIds.size() * factors) {
      throw new IllegalArgumentException(newItemIds.size() + " new items need " + newItemIds.size() * factors
          + " factor values (" + factors + " each), got " + newItemFactors.length);
    }
    for (int p = 0; p < newItemFactors.length; p++) {
      if (!Float.isFinite(newItemFactors[p])) {
        throw new IllegalArgumentException("factor " + p % factors + " of new item '" + newItemIds.get(p / factors)
            + "' is " + newItemFactors[p] + "; factors must be finite");
      }
    }
    List<String> allIds = new ArrayList<>(items.size() + newItemIds.size());
    allIds.addAll(items.ids());
    allIds.addAll(newItemIds);
    IdIndex extended = IdIndex.of(items.kind(), allIds);
    float[] allFactors = Arrays.copyOf(itemFactors, allIds.size() * factors);
    System.arraycopy(newItemFactors, 0, allFactors, itemFactors.length, newItemFactors.length);
    Csr widened = new Csr(played.rows(), allIds.size(), played.indptr(), played.indices(), played.values());
    return new FactorModel(users, extended, factors, userFactors, allFactors, widened, settings, index, indexPolicy);
  }

  /**
   * This model without {@code userId}: their factor row and plays gone (a privacy delete), the
   * users after them one index lower; items and settings shared.
   */
  public FactorModel withoutUser(String userId) {
    int user = users.indexOf(userId);
    return new FactorModel(users.without(userId), items, factors, withoutRow(userFactors, user), itemFactors,
        played.withoutRow(user), settings, index, indexPolicy);
  }

  /**
   * This model without {@code itemId}: its factor row and plays gone, the items after it one index
   * lower. Its index, numbered by the old rows, is dropped: the model scores exactly until the next
   * one is built.
   */
  public FactorModel withoutItem(String itemId) {
    int item = items.indexOf(itemId);
    return new FactorModel(users, items.without(itemId), factors, userFactors, withoutRow(itemFactors, item),
        played.withoutColumn(item), settings);
  }

  private float[] withoutRow(float[] rowMajor, int row) {
    float[] rest = new float[rowMajor.length - factors];
    System.arraycopy(rowMajor, 0, rest, 0, row * factors);
    System.arraycopy(rowMajor, (row + 1) * factors, rest, row * factors, rest.length - row * factors);
    return rest;
  }

  /** A copy of one user's factor row. */
  public float[] userVector(int user) {
    return Arrays.copyOfRange(userFactors, user * factors, (user + 1) * factors);
  }

  @Override
  public void scoreAll(int user, float[] scores) {
    scoreAll(userFactors, user * factors, scores);
  }

  /** Scores every item against the user vector at {@code vector[offset..offset+k)}. */
  public void scoreAll(float[] vector, int offset, float[] scores) {
    FactorPanels panels = itemPanels();
    int padded = panels.blocks() * Kernels.PANEL_WIDTH;
    if (scores.length >= padded) {
      panels.scoreAll(vector, offset, scores);
      return;
    }
    float[] scratch = scratch(padded);
    panels.scoreAll(vector, offset, scratch);
    System.arraycopy(scratch, 0, scores, 0, items.size());
  }

  /** The score x_u . y_i of one (user, item) pair. */
  public float score(int user, int item) {
    return Vectors.dot(userFactors, user * factors, itemFactors, item * factors, factors);
  }

  @Override
  public List<ScoredItem> recommend(int user, int n, RecommendOptions options) {
    int[] playedItems = Arrays.copyOfRange(played.indices(), played.rowStart(user), played.rowEnd(user));
    return recommendVector(userFactors, user * factors, playedItems, n, options);
  }

  /**
   * Recommendations for a user who is not (or not only) in the model, from a vector such as
   * {@link #foldIn} returns; {@code playedItems} are dense item indices to skip when filtering.
   */
  public List<Recommendation> recommend(float[] userVector, int[] playedItems, int n, RecommendOptions options) {
    checkVector(userVector);
    return toRecommendations(recommendVector(userVector, 0, playedItems, n, options));
  }

  private List<ScoredItem> recommendVector(float[] vector, int offset, int[] playedItems, int n,
      RecommendOptions options) {
    if (indexServes() && !options.exact() && options.include() == null) {
      int wanted = Math.min(n, items.size());
      IntPredicate blocked = blockedBy(options.filterPlayed() ? playedItems : new int[0], options.exclude());
      List<ScoredItem> found = completed(index.topByScore(vector, offset, wanted, blocked), vector, offset, wanted,
          blocked, false);
      if (found.size() >= wanted) {
        return found;
      }
      // Filters left the probed lists short of n: score everything.
    }
    FactorPanels panels = itemPanels();
    float[] scores = scratch(panels.blocks() * Kernels.PANEL_WIDTH);
    panels.scoreAll(vector, offset, scores);
    if (options.filterPlayed()) {
      for (int item : playedItems) {
        scores[item] = Float.NEGATIVE_INFINITY;
      }
    }
    excludeAll(scores, options.blockedForAll(items));
    TopK top = new TopK(Math.min(n, items.size()));
    top.offerAbove(scores, 0, items.size(), 0, Kernels.INSTANCE);
    return top.drainBestFirst();
  }

  /** A trained listener's question for {@link #recommendBatch}: their row and what they played. */
  public RecommendQuery query(String userId, int n, RecommendOptions options) {
    int user = users.indexOf(userId);
    int[] playedItems = Arrays.copyOfRange(played.indices(), played.rowStart(user), played.rowEnd(user));
    return new RecommendQuery(userVector(user), playedItems, n, options);
  }

  /**
   * Answers several listeners' questions in one pass over the item factors, on the calling
   * thread: the same answers as {@link #recommend(float[], int[], int, RecommendOptions)} one by
   * one, but each tile of item factors is read once for the whole batch instead of once per
   * query. A server that coalesces concurrent requests into batches stops being bound by the
   * memory bandwidth of streaming the item matrix per request.
   */
  public List<List<Recommendation>> recommendBatch(List<RecommendQuery> queries) {
    if (indexServes()) {
      // Through the index each question reads a few lists, not the catalogue: nothing to share.
      List<List<Recommendation>> answers = new ArrayList<>(queries.size());
      for (RecommendQuery query : queries) {
        answers.add(recommend(query.vector(), query.playedItems(), query.n(), query.options()));
      }
      return answers;
    }
    int count = queries.size();
    float[] vectors = new float[count * factors];
    BitSet[] blocked = new BitSet[count];
    int n = 1;
    for (int q = 0; q < count; q++) {
      RecommendQuery query = queries.get(q);
      checkVector(query.vector());
      System.arraycopy(query.vector(), 0, vectors, q * factors, factors);
      blocked[q] = query.options().blockedItems(query.playedItems(), items);
      n = Math.max(n, query.n());
    }
    List<List<ScoredItem>> ranked = BatchTopK.runScored(vectors, count, itemPanels(), n, (query, first, tileCount, tile) -> {
      BitSet skip = blocked[query];
      for (int item = skip.nextSetBit(first); item >= 0 && item < first + tileCount; item = skip.nextSetBit(item + 1)) {
        tile[item - first] = Float.NEGATIVE_INFINITY;
      }
    }, 1);
    List<List<Recommendation>> answers = new ArrayList<>(count);
    for (int q = 0; q < count; q++) {
      List<ScoredItem> best = ranked.get(q);
      answers.add(toRecommendations(best.subList(0, Math.min(best.size(), queries.get(q).n()))));
    }
    return answers;
  }

  /**
   * The top {@code n} items for every user, on {@code threads} threads: row u of the result
   * holds user u's item indices best first (fewer than n when too few items are left). A blocked
   * multiply fused with top-k over the items in norm order, each user's scan stopped once no
   * item left can enter ({@link BatchTopK#runByNorm}): exact, and on synth-10m 4.9% of the
   * scores are computed. The norm-ordered copy of the item factors it scans is built on the first
   * call and kept with the model.
   */
  public int[][] recommendAll(int n, RecommendOptions options, int threads) {
    return recommendAllScan(n, options, threads).top();
  }

  /** {@link #recommendAll(int, RecommendOptions, int)}, with how many scores the scan computed. */
  public NormScan recommendAllScan(int n, RecommendOptions options, int threads) {
    NormOrderedItems byNorm = itemsByNorm();
    BitSet blockedForAll = byNorm.positionsOf(options.blockedForAll(items));
    boolean filterPlayed = options.filterPlayed();
    return BatchTopK.runByNorm(userFactors, users.size(), byNorm, n, (user, first, count, tile) -> {
      if (filterPlayed) {
        byNorm.excludeRowItems(played, user, first, count, tile);
      }
      for (int position = blockedForAll.nextSetBit(first); position >= 0 && position < first + count;
          position = blockedForAll.nextSetBit(position + 1)) {
        tile[position - first] = Float.NEGATIVE_INFINITY;
      }
    }, threads);
  }

  /** Decides, a tile of items at a time, which items one user may be given. */
  public interface TileFilter {
    /**
     * {@code tile[i]} is {@code user}'s score of item {@code first + i}, for i < count; set it to
     * negative infinity to leave the item out. Called for each user's tiles in increasing item
     * order, from several threads at once for different users.
     */
    void filter(int user, int first, int count, float[] tile);
  }

  /**
   * The top {@code n} items of each of {@code userIndices} (row q of the result is user
   * {@code userIndices[q]}'s, best first) by the blocked multiply of {@link #recommendAll}, with
   * {@code filter} seeing every score before it is ranked: an evaluator counts ranks there.
   */
  public int[][] recommendAll(int[] userIndices, int n, int threads, TileFilter filter) {
    return BatchTopK.runInCandidateOrder(userRows(userIndices), userIndices.length, itemPanels(), n,
        (query, first, count, tile) -> filter.filter(userIndices[query], first, count, tile), threads);
  }

  /**
   * The top {@code n} items of each of {@code userIndices} (row q of the result is user
   * {@code userIndices[q]}'s, best first), leaving out the items of that user's row of
   * {@code excluded} (a user x item matrix over this model's indices, such as the training
   * plays): the norm-ordered scan of {@link #recommendAll(int, RecommendOptions, int)}, so the
   * same lists as {@link #recommendAll(int[], int, int, TileFilter)} with those items filtered,
   * from a few percent of the scores.
   */
  public NormScan recommendAllScan(int[] userIndices, int n, Csr excluded, int threads) {
    NormOrderedItems byNorm = itemsByNorm();
    return BatchTopK.runByNorm(userRows(userIndices), userIndices.length, byNorm, n,
        (query, first, count, tile) -> byNorm.excludeRowItems(excluded, userIndices[query], first, count, tile),
        threads);
  }

  /** The factor rows of {@code userIndices}, one after another. */
  private float[] userRows(int[] userIndices) {
    float[] rows = new float[userIndices.length * factors];
    for (int q = 0; q < userIndices.length; q++) {
      System.arraycopy(userFactors, userIndices[q] * factors, rows, q * factors, factors);
    }
    return rows;
  }

  /**
   * Sets the scores of the items of {@code matrix}'s row {@code row} that fall in the tile
   * {@code [first, first + count)} to negative infinity. Rows are sorted: find the tile's first
   * item, then walk until past the tile.
   */
  public static void excludeRowItems(Csr matrix, int row, int first, int count, float[] tile) {
    int[] columns = matrix.indices();
    int end = matrix.rowEnd(row);
    for (int p = matrix.firstAtOrAfter(row, first); p < end && columns[p] < first + count; p++) {
      tile[columns[p] - first] = Float.NEGATIVE_INFINITY;
    }
  }

  /**
   * {@code user}'s scores of {@code itemIndices[from..to)} into {@code out[from..to)}: the very
   * floats {@link #scoreAll} and {@link #recommendAll} compute for them (the same panel kernel on
   * the item's panel), so a rank counted against those scores is exact, ties included.
   */
  public void scoreItems(int user, int[] itemIndices, int from, int to, float[] out) {
    FactorPanels panels = itemPanels();
    float[] block = new float[Kernels.PANEL_WIDTH];
    for (int p = from; p < to; p++) {
      int panel = itemIndices[p] / Kernels.PANEL_WIDTH;
      Kernels.INSTANCE.scorePanels(userFactors, user * factors, panels.array(), factors, panel, panel + 1, block, 0);
      out[p] = block[itemIndices[p] % Kernels.PANEL_WIDTH];
    }
  }

  /** The {@code n} items most similar to {@code itemId} by cosine of their factors, itself excluded. */
  public List<Recommendation> similarItems(String itemId, int n) {
    return similarItems(itemId, n, false);
  }

  /** As {@link #similarItems(String, int)}; {@code exact} scores every track even where an index serves. */
  public List<Recommendation> similarItems(String itemId, int n, boolean exact) {
    int item = items.indexOf(itemId);
    if (indexServes() && !exact) {
      int wanted = Math.min(n, items.size() - 1);
      float[] query = unitRows(Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors), 1);
      IntPredicate self = candidate -> candidate == item;
      List<ScoredItem> found = completed(index.topByCosine(query, 0, wanted, self), query, 0, wanted, self, true);
      if (found.size() >= wanted) {
        return toRecommendations(found);
      }
    }
    return toRecommendations(cosineNeighbours(cosineItemPanels(), itemFactors, item, n));
  }

  /**
   * The index's answer merged with the tracks added after the index was built (rows from
   * {@code index.items()} on), which only exact scoring knows.
   */
  private List<ScoredItem> completed(List<ScoredItem> fromIndex, float[] query, int offset, int n, IntPredicate blocked,
      boolean cosine) {
    if (index.items() == items.size()) {
      return fromIndex;
    }
    TopK top = new TopK(n);
    for (ScoredItem item : fromIndex) {
      top.offer(item.index(), item.score());
    }
    for (int item = index.items(); item < items.size(); item++) {
      if (!blocked.test(item)) {
        float score = Vectors.dot(query, offset, itemFactors, item * factors, factors);
        if (cosine) {
          float norm = Vectors.norm(itemFactors, item * factors, factors);
          score = norm > 0 ? score / norm : 0f;
        }
        top.offer(item, score);
      }
    }
    return top.drainBestFirst();
  }

  /** Membership in {@code playedItems} (dense indices, any order) or in the excluded IDs. */
  private IntPredicate blockedBy(int[] playedItems, java.util.Set<String> excluded) {
    int[] blocked = Arrays.copyOf(playedItems, playedItems.length + excluded.size());
    int filled = playedItems.length;
    for (String id : excluded) {
      blocked[filled++] = items.indexOf(id);
    }
    Arrays.sort(blocked);
    return item -> Arrays.binarySearch(blocked, item) >= 0;
  }

  /**
   * The {@code n} items most similar to each of {@code itemIds}, as {@link #similarItems} gives
   * them one by one, from one pass over the item factors for the whole batch (see
   * {@link #recommendBatch}).
   */
  public List<List<Recommendation>> similarItemsBatch(List<String> itemIds, int n) {
    if (indexServes()) {
      List<List<Recommendation>> answers = new ArrayList<>(itemIds.size());
      for (String itemId : itemIds) {
        answers.add(similarItems(itemId, n));
      }
      return answers;
    }
    int count = itemIds.size();
    int[] selves = new int[count];
    float[] queries = new float[count * factors];
    for (int q = 0; q < count; q++) {
      selves[q] = items.indexOf(itemIds.get(q));
      System.arraycopy(itemFactors, selves[q] * factors, queries, q * factors, factors);
    }
    FactorPanels panels = cosineItemPanels();
    int capacity = Math.min(n, Math.max(panels.rows() - 1, 0));
    List<List<ScoredItem>> ranked = BatchTopK.runScored(unitRows(queries, count), count, panels, capacity,
        (query, first, tileCount, tile) -> {
          int self = selves[query];
          if (self >= first && self < first + tileCount) {
            tile[self - first] = Float.NEGATIVE_INFINITY;
          }
        }, 1);
    List<List<Recommendation>> answers = new ArrayList<>(count);
    for (List<ScoredItem> best : ranked) {
      answers.add(toRecommendations(best));
    }
    return answers;
  }

  /**
   * The cosine of {@code itemId}'s factors with every item's, {@code scores[i]} for item i
   * (itself included, at about 1): the scores {@link #similarItems} ranks, for callers that blend
   * them with other signals before ranking.
   */
  public void itemCosines(String itemId, float[] scores) {
    int item = items.indexOf(itemId);
    if (scores.length < items.size()) {
      throw new IllegalArgumentException("scores has length " + scores.length + ", want " + items.size());
    }
    FactorPanels panels = cosineItemPanels();
    float[] query = unitRows(Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors), 1);
    float[] padded = scratch(panels.blocks() * Kernels.PANEL_WIDTH);
    panels.scoreAll(query, 0, padded);
    System.arraycopy(padded, 0, scores, 0, items.size());
  }

  /** The {@code n} users most similar to {@code userId} by cosine of their factors, itself excluded. */
  public List<SimilarUser> similarUsers(String userId, int n) {
    int user = users.indexOf(userId);
    List<ScoredItem> ranked = cosineNeighbours(cosineUserPanels(), userFactors, user, n);
    List<SimilarUser> result = new ArrayList<>(ranked.size());
    for (ScoredItem neighbour : ranked) {
      result.add(new SimilarUser(users.idOf(neighbour.index()), neighbour.score()));
    }
    return result;
  }

  /**
   * The {@code n} most similar items of every item by cosine, on {@code threads} threads (row i:
   * item i's): each pair's cosine computed once and offered to both items ({@link SymmetricTopK}).
   */
  public int[][] similarItemsAll(int n, int threads) {
    return SymmetricTopK.run(unitRows(itemFactors, items.size()), cosineItemPanels(), n, threads);
  }

  private List<ScoredItem> cosineNeighbours(FactorPanels panels, float[] matrix, int self, int n) {
    float[] query = unitRows(Arrays.copyOfRange(matrix, self * factors, (self + 1) * factors), 1);
    float[] scores = scratch(panels.blocks() * Kernels.PANEL_WIDTH);
    panels.scoreAll(query, 0, scores);
    scores[self] = Float.NEGATIVE_INFINITY;
    TopK top = new TopK(Math.min(n, Math.max(panels.rows() - 1, 0)));
    top.offerAbove(scores, 0, panels.rows(), 0, Kernels.INSTANCE);
    return top.drainBestFirst();
  }

  private float[] unitRows(float[] matrix, int rows) {
    float[] unit = new float[rows * factors];
    for (int r = 0; r < rows; r++) {
      float norm = Vectors.norm(matrix, r * factors, factors);
      float scale = norm > 0 ? 1f / norm : 0f;
      for (int a = 0; a < factors; a++) {
        unit[r * factors + a] = matrix[r * factors + a] * scale;
      }
    }
    return unit;
  }



  private static void excludeAll(float[] scores, BitSet blocked) {
    for (int item = blocked.nextSetBit(0); item >= 0; item = blocked.nextSetBit(item + 1)) {
      scores[item] = Float.NEGATIVE_INFINITY;
    }
  }

  /** A per-thread score buffer, so serving a request allocates nothing the size of the catalogue. */
  private float[] scratch(int length) {
    float[] buffer = scratchScores.get();
    if (buffer == null || buffer.length < length) {
      buffer = new float[length];
      scratchScores.set(buffer);
    }
    return buffer;
  }

  private FactorPanels itemPanels() {
    FactorPanels panels = itemPanels;
    if (panels == null) {
      panels = FactorPanels.of(itemFactors, items.size(), factors, false);
      itemPanels = panels;
    }
    return panels;
  }

  private NormOrderedItems itemsByNorm() {
    NormOrderedItems ordered = itemsByNorm;
    if (ordered == null) {
      ordered = NormOrderedItems.of(itemFactors, items.size(), factors);
      itemsByNorm = ordered;
    }
    return ordered;
  }

  private FactorPanels cosineItemPanels() {
    FactorPanels panels = cosineItemPanels;
    if (panels == null) {
      panels = FactorPanels.of(itemFactors, items.size(), factors, true);
      cosineItemPanels = panels;
    }
    return panels;
  }

  private FactorPanels cosineUserPanels() {
    FactorPanels panels = cosineUserPanels;
    if (panels == null) {
      panels = FactorPanels.of(userFactors, users.size(), factors, true);
      cosineUserPanels = panels;
    }
    return panels;
  }

  private double[] foldInGram() {
    double[] gram = foldInGram;
    if (gram == null) {
      gram = settings.weightedGram(Gram.compute(itemFactors, items.size(), factors, 1));
      foldInGram = gram;
    }
    return gram;
  }

  /**
   * Factors for a listener from their plays (external item ID to play count), with the item
   * factors fixed: the exact user half-step for one row, so a new listener gets recommendations
   * without retraining. Unknown item IDs are an error naming them.
   */
  public float[] foldIn(Map<String, Float> plays) {
    PlayRow row = playRow(plays);
    NormalEquations equations = normalEquations(row);
    float[] vector = new float[factors];
    equations.solveRow(vector, 0);
    return vector;
  }

  /** The dense item indices of {@code plays}, for {@link #recommend(float[], int[], int, RecommendOptions)}. */
  public int[] itemIndices(Map<String, Float> plays) {
    return playRow(plays).items;
  }

  /**
   * Why {@code itemId} scores as it does for {@code userId}: Hu, Koren and Volinsky (2008),
   * section 5. With {@code W_u = (Y'C_uY + lambda I)^-1} and {@code s_ij = y_i' W_u y_j}, the
   * score is {@code sum_j s_ij c_uj} over the items j the user played; the returned parts are
   * those terms (at most {@code top} of them, largest first) and sum, over all j, to the score.
   */
  public Explanation explain(String userId, String itemId, int top) {
    int user = users.indexOf(userId);
    int item = items.indexOf(itemId);
    PlayRow row = new PlayRow(
        Arrays.copyOfRange(played.indices(), played.rowStart(user), played.rowEnd(user)),
        Arrays.copyOfRange(played.values(), played.rowStart(user), played.rowEnd(user)));
    return explain(userId, row, item, score(user, item), top);
  }

  /**
   * As {@link #explain(String, String, int)} for a listener given by their plays (external item
   * ID to play count, as for {@link #foldIn}) rather than by a row of the model: explains the
   * score {@code foldIn(plays) . y_i}, which is then also the returned model score. A server
   * uses it for listeners whose newest plays were folded in after training.
   */
  public Explanation explain(String userId, Map<String, Float> plays, String itemId, int top) {
    int item = items.indexOf(itemId);
    float[] vector = foldIn(plays);
    float modelScore = Vectors.dot(vector, 0, itemFactors, item * factors, factors);
    return explain(userId, playRow(plays), item, modelScore, top);
  }

  private Explanation explain(String userId, PlayRow row, int item, float modelScore, int top) {
    NormalEquations equations = normalEquations(row);
    equations.decompose();
    double[] weighted = new double[factors];
    for (int a = 0; a < factors; a++) {
      weighted[a] = itemFactors[item * factors + a];
    }
    equations.solve(weighted);
    int count = row.items.length;
    double[] parts = new double[count];
    double total = 0;
    for (int p = 0; p < count; p++) {
      int j = row.items[p];
      double similarity = 0;
      for (int a = 0; a < factors; a++) {
        similarity += weighted[a] * itemFactors[j * factors + a];
      }
      float value = row.values[p];
      parts[p] = value > 0 ? similarity * settings.confidence().confidence(value) : 0;
      total += parts[p];
    }
    Integer[] order = new Integer[count];
    for (int p = 0; p < count; p++) {
      order[p] = p;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(parts[b]), Math.abs(parts[a])));
    List<Explanation.Contribution> contributions = new ArrayList<>();
    double listed = 0;
    for (int rank = 0; rank < Math.min(top, count); rank++) {
      int p = order[rank];
      double share = total != 0 ? parts[p] / total : 0;
      contributions.add(new Explanation.Contribution(items.idOf(row.items[p]), parts[p], share));
      listed += parts[p];
    }
    return new Explanation(userId, items.idOf(item), total, modelScore, count,
        Collections.unmodifiableList(contributions), total - listed, Explanation.noteFor(total, modelScore));
  }

  private NormalEquations normalEquations(PlayRow row) {
    NormalEquations equations = new NormalEquations(factors);
    equations.build(foldInGram(), itemFactors, row.items, row.values,
        EntryConfidences.of(settings.confidence(), row.values), 0, row.items.length,
        settings.regularizationFor(row.items.length, items.size()));
    return equations;
  }

  private PlayRow playRow(Map<String, Float> plays) {
    int[] indices = new int[plays.size()];
    float[] values = new float[plays.size()];
    int p = 0;
    for (Map.Entry<String, Float> play : plays.entrySet()) {
      float value = play.getValue();
      if (!Float.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("play count " + value + " for item '" + play.getKey()
            + "' must be finite and >= 0");
      }
      indices[p] = items.indexOf(play.getKey());
      values[p] = value;
      p++;
    }
    return new PlayRow(indices, values);
  }

  private void checkVector(float[] vector) {
    if (vector.length != factors) {
      throw new IllegalArgumentException("user vector has " + vector.length + " factors, model has " + factors);
    }
  }

  private record PlayRow(int[] items, float[] values) {}

  @Override
  public String toString() {
    return "FactorModel[" + users.size() + " users, " + items.size() + " items, " + factors + " factors]";
  }
}
