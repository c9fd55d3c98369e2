package dev.encore.model;

import dev.encore.als.AlsConfig;
import dev.encore.als.NormalEquations;
import dev.encore.concurrent.Workers;
import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.linalg.Gram;
import dev.encore.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
  private volatile float[] itemNorms;
  private volatile float[] userNorms;
  private volatile double[] itemGram;

  public FactorModel(IdIndex users, IdIndex items, int factors, float[] userFactors, float[] itemFactors,
      Csr played, AlsConfig settings) {
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
    int itemCount = items.size();
    for (int i = 0; i < itemCount; i++) {
      scores[i] = Vectors.dot(vector, offset, itemFactors, i * factors, factors);
    }
  }

  /** The score x_u . y_i of one (user, item) pair. */
  public float score(int user, int item) {
    return Vectors.dot(userFactors, user * factors, itemFactors, item * factors, factors);
  }

  /**
   * Recommendations for a user who is not (or not only) in the model, from a vector such as
   * {@link #foldIn} returns; {@code playedItems} are dense item indices to skip when filtering.
   */
  public List<Recommendation> recommend(float[] userVector, int[] playedItems, int n, RecommendOptions options) {
    checkVector(userVector);
    float[] scores = new float[items.size()];
    scoreAll(userVector, 0, scores);
    return toRecommendations(TopK.select(scores, n, options.blockedItems(playedItems, items)));
  }

  /**
   * The top {@code n} items for every user, on {@code threads} threads: row u of the result
   * holds user u's item indices best first (fewer than n when too few items are left).
   */
  public int[][] recommendAll(int n, RecommendOptions options, int threads) {
    int userCount = users.size();
    int[][] result = new int[userCount][];
    int blockSize = 256;
    int blocks = (userCount + blockSize - 1) / blockSize;
    Workers.run(threads, blocks, block -> {
      float[] scores = new float[items.size()];
      int[] buffer = new int[n];
      int end = Math.min(userCount, (block + 1) * blockSize);
      for (int u = block * blockSize; u < end; u++) {
        scoreAll(u, scores);
        BitSet blocked = options.blockedItems(played, u, items);
        TopK top = new TopK(Math.min(n, scores.length));
        for (int i = 0; i < scores.length; i++) {
          if (!blocked.get(i)) {
            top.offer(i, scores[i]);
          }
        }
        int count = top.drainIndicesBestFirst(buffer);
        result[u] = Arrays.copyOf(buffer, count);
      }
    });
    return result;
  }

  /** The {@code n} items most similar to {@code itemId} by cosine of their factors, itself excluded. */
  public List<Recommendation> similarItems(String itemId, int n) {
    int item = items.indexOf(itemId);
    float[] norms = itemNorms();
    List<ScoredItem> ranked = cosineNeighbours(itemFactors, norms, item, n);
    return toRecommendations(ranked);
  }

  /** The {@code n} users most similar to {@code userId} by cosine of their factors, itself excluded. */
  public List<SimilarUser> similarUsers(String userId, int n) {
    int user = users.indexOf(userId);
    List<ScoredItem> ranked = cosineNeighbours(userFactors, userNorms(), user, n);
    List<SimilarUser> result = new ArrayList<>(ranked.size());
    for (ScoredItem neighbour : ranked) {
      result.add(new SimilarUser(users.idOf(neighbour.index()), neighbour.score()));
    }
    return result;
  }

  /** Nearest rows to row {@code self} by cosine, as dense indices; used by {@link ModelComparison}. */
  List<ScoredItem> cosineNeighbours(float[] matrix, float[] norms, int self, int n) {
    int rows = norms.length;
    float selfNorm = norms[self];
    TopK top = new TopK(Math.min(n, Math.max(rows - 1, 0)));
    for (int r = 0; r < rows; r++) {
      if (r == self) {
        continue;
      }
      float denominator = selfNorm * norms[r];
      float cosine = denominator > 0 ? Vectors.dot(matrix, self * factors, matrix, r * factors, factors) / denominator : 0f;
      top.offer(r, cosine);
    }
    return top.drainBestFirst();
  }

  float[] itemNorms() {
    float[] norms = itemNorms;
    if (norms == null) {
      norms = rowNorms(itemFactors, items.size());
      itemNorms = norms;
    }
    return norms;
  }

  float[] userNorms() {
    float[] norms = userNorms;
    if (norms == null) {
      norms = rowNorms(userFactors, users.size());
      userNorms = norms;
    }
    return norms;
  }

  private float[] rowNorms(float[] matrix, int rows) {
    float[] norms = new float[rows];
    for (int r = 0; r < rows; r++) {
      norms[r] = Vectors.norm(matrix, r * factors, factors);
    }
    return norms;
  }

  private double[] itemGram() {
    double[] gram = itemGram;
    if (gram == null) {
      gram = Gram.compute(itemFactors, items.size(), factors, 1);
      itemGram = gram;
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
    Arrays.sort(order, (a, b) -> Double.compare(parts[b], parts[a]));
    List<Explanation.Contribution> contributions = new ArrayList<>();
    for (int rank = 0; rank < Math.min(top, count); rank++) {
      int p = order[rank];
      double share = total != 0 ? parts[p] / total : 0;
      contributions.add(new Explanation.Contribution(items.idOf(row.items[p]), parts[p], share));
    }
    return new Explanation(userId, itemId, total, score(user, item), count, Collections.unmodifiableList(contributions));
  }

  private NormalEquations normalEquations(PlayRow row) {
    NormalEquations equations = new NormalEquations(factors);
    float[] confidences = new float[row.values.length];
    for (int p = 0; p < confidences.length; p++) {
      confidences[p] = settings.confidence().confidence(row.values[p]);
    }
    equations.build(itemGram(), itemFactors, row.items, row.values, confidences, 0, row.items.length,
        settings.regularizationFor(row.items.length));
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
