package dev.encore.content;

import dev.encore.linalg.Vectors;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Similar tracks by sound and tags. Each track's features are scaled by a {@link FeatureScaler}
 * and compared by the cosine of a {@link SimilarityMetric} (weighted cosine, or a learned metric),
 * computed over the features <em>both</em> tracks have and renormalised over them, so a missing
 * value neither counts as zero nor drags the score down. Shared genre and mood tags add
 * {@code tagWeight} times their IDF-weighted Jaccard similarity.
 *
 * <p>Tracks with the same set of present features (usually all of them) are compared through
 * precomputed unit rows in one {@code float[]}: one dot product per candidate, so a query over
 * 50,000 tracks costs about a millisecond. Pairs whose present features differ are computed
 * exactly from their shared features. Immutable and safe to share between threads.
 */
public final class ContentSimilarity {
  /** Default weight of the tag bonus: sharing every tag adds as much as a quarter of a perfect sound match. */
  public static final float DEFAULT_TAG_WEIGHT = 0.25f;

  private final FeatureTable table;
  private final FeatureScaler scaler;
  private final SimilarityMetric metric;
  private final float tagWeight;
  private final int features;
  private final int dimensions;
  /** Scaled values, tracks x features, NaN where missing. */
  private final float[] scaled;
  /** The same with 0 where missing, ready to project. */
  private final float[] zeroFilled;
  /** Each track's projected row divided by its norm (zeros when the norm is 0). */
  private final float[] unitRows;
  private final int[] patternOf;
  private final List<BitSet> patterns = new ArrayList<>();
  private final Map<BitSet, Integer> patternIds = new HashMap<>();
  private final TagSimilarity tags;

  private ContentSimilarity(FeatureTable table, FeatureScaler scaler, SimilarityMetric metric, float tagWeight) {
    if (!metric.featureNames().equals(scaler.featureNames())) {
      throw new IllegalArgumentException("the metric's features " + metric.featureNames()
          + " differ from the scaler's " + scaler.featureNames());
    }
    if (!(tagWeight >= 0) || Float.isInfinite(tagWeight)) {
      throw new IllegalArgumentException("tag weight " + tagWeight + " must be finite and >= 0");
    }
    this.table = table;
    this.scaler = scaler;
    this.metric = metric;
    this.tagWeight = tagWeight;
    this.features = scaler.featureCount();
    this.dimensions = metric.dimensions();
    int tracks = table.trackCount();
    scaled = scaler.scale(table);
    zeroFilled = new float[scaled.length];
    unitRows = new float[tracks * dimensions];
    patternOf = new int[tracks];
    float[] projected = new float[dimensions];
    for (int track = 0; track < tracks; track++) {
      BitSet present = new BitSet(features);
      for (int f = 0; f < features; f++) {
        float value = scaled[track * features + f];
        if (!Float.isNaN(value)) {
          present.set(f);
          zeroFilled[track * features + f] = value;
        }
      }
      patternOf[track] = patternIds.computeIfAbsent(present, added -> {
        patterns.add(added);
        return patterns.size() - 1;
      });
      metric.project(zeroFilled, track * features, projected);
      normaliseInto(projected, unitRows, track * dimensions);
    }
    tags = new TagSimilarity(table);
  }

  /**
   * Similarity over {@code table} with a scaler already learned (kept with a model, say) and a
   * metric over the scaler's features.
   */
  public static ContentSimilarity of(FeatureTable table, FeatureScaler scaler, SimilarityMetric metric,
      float tagWeight) {
    return new ContentSimilarity(table, scaler, metric, tagWeight);
  }

  /** Learns the scaler from {@code table} and compares by weighted cosine with {@code weights}. */
  public static ContentSimilarity of(FeatureTable table, FeatureWeights weights, float tagWeight) {
    FeatureScaler scaler = FeatureScaler.learn(table);
    return of(table, scaler, SimilarityMetric.weighted(scaler.featureNames(), weights), tagWeight);
  }

  /** Default weights and tag weight. */
  public static ContentSimilarity of(FeatureTable table) {
    return of(table, FeatureWeights.defaults(), DEFAULT_TAG_WEIGHT);
  }

  public FeatureTable table() {
    return table;
  }

  public FeatureScaler scaler() {
    return scaler;
  }

  public SimilarityMetric metric() {
    return metric;
  }

  public float tagWeight() {
    return tagWeight;
  }

  /** The track's scaled features in the scaler's order, NaN where missing (a copy). */
  public float[] scaledRow(int track) {
    return java.util.Arrays.copyOfRange(scaled, track * features, (track + 1) * features);
  }

  /** The {@code n} tracks most similar to {@code trackId}, best first, never the track itself. */
  public List<SimilarTrack> similar(String trackId, int n) {
    return similar(trackId, n, Set.of());
  }

  /** Like {@link #similar(String, int)}, leaving out the tracks in {@code exclude}. */
  public List<SimilarTrack> similar(String trackId, int n, Set<String> exclude) {
    int track = table.tracks().indexOf(trackId);
    BitSet blocked = blockedOf(exclude);
    blocked.set(track);
    return best(trackQuery(track), n, blocked);
  }

  /**
   * The {@code n} tracks most similar to track {@code track} (a dense index), leaving out the track
   * itself and those set in {@code blocked} (may be null; not changed).
   */
  public List<SimilarTrack> similar(int track, int n, BitSet blocked) {
    java.util.Objects.checkIndex(track, table.trackCount());
    BitSet excluded = blocked == null ? new BitSet() : (BitSet) blocked.clone();
    excluded.set(track);
    return best(trackQuery(track), n, excluded);
  }

  /**
   * The {@code n} tracks closest to a query given as scaled features (in the scaler's order, NaN
   * where unknown), such as a listener's taste profile, with optional tags; tracks set in
   * {@code blocked} (may be null) are left out.
   */
  public List<SimilarTrack> similarTo(float[] scaledQuery, Collection<String> genres, Collection<String> moods,
      int n, BitSet blocked) {
    return best(vectorQuery(scaledQuery, genres, moods), n, blocked == null ? new BitSet() : blocked);
  }

  /** The similarity of {@code trackId} to every track (itself included), indexed like the table. */
  public float[] scores(String trackId) {
    return scores(trackQuery(table.tracks().indexOf(trackId)));
  }

  /** The similarity of a scaled query (and tags) to every track, indexed like the table. */
  public float[] scores(float[] scaledQuery, Collection<String> genres, Collection<String> moods) {
    return scores(vectorQuery(scaledQuery, genres, moods));
  }

  /** The similarity of two tracks; symmetric. */
  public double score(String trackId, String otherTrackId) {
    int track = table.tracks().indexOf(trackId);
    int other = table.tracks().indexOf(otherTrackId);
    Query query = trackQuery(track);
    return featureScore(query, other, new Scratch()) + tagWeight * tags.similarity(query.tags, other);
  }

  /** Why {@code otherTrackId} sounds like {@code trackId}: the features that matched most, in words. */
  public ContentExplanation explain(String trackId, String otherTrackId, int maxMatches) {
    int track = table.tracks().indexOf(trackId);
    int other = table.tracks().indexOf(otherTrackId);
    float[] first = new float[features];
    float[] second = new float[features];
    for (int f = 0; f < features; f++) {
      float a = scaled[track * features + f];
      float b = scaled[other * features + f];
      boolean shared = !Float.isNaN(a) && !Float.isNaN(b);
      first[f] = shared ? a : 0f;
      second[f] = shared ? b : 0f;
    }
    float[] projectedFirst = new float[dimensions];
    float[] projectedSecond = new float[dimensions];
    metric.project(first, 0, projectedFirst);
    metric.project(second, 0, projectedSecond);
    double norms = Math.sqrt(dot(projectedFirst, projectedFirst) * dot(projectedSecond, projectedSecond));
    float[] metricTimesSecond = new float[features];
    metric.backProject(projectedSecond, metricTimesSecond);

    List<FeatureMatch> matches = new ArrayList<>();
    double featureScore = 0;
    for (int f = 0; f < features && norms > 0; f++) {
      double contribution = first[f] * (double) metricTimesSecond[f] / norms;
      featureScore += contribution;
      String name = scaler.features().get(f).name();
      String words = FeatureWords.describe(name, rawValue(track, name), rawValue(other, name), first[f], second[f]);
      if (contribution > 0 && words != null) {
        matches.add(new FeatureMatch(name, FeatureGroup.of(name), contribution, rawValue(track, name),
            rawValue(other, name), words));
      }
    }
    matches.sort(Comparator.comparingDouble(FeatureMatch::contribution).reversed());
    List<FeatureMatch> top = matches.subList(0, Math.min(maxMatches, matches.size()));

    List<String> sharedGenres = new ArrayList<>(table.genres(track));
    sharedGenres.retainAll(table.genres(other));
    List<String> sharedMoods = new ArrayList<>(table.moods(track));
    sharedMoods.retainAll(table.moods(other));
    double tagScore = tags.similarity(tags.query(track), other);
    return new ContentExplanation(trackId, otherTrackId, featureScore + tagWeight * tagScore, featureScore, tagScore,
        top, sharedGenres, sharedMoods, summary(top, sharedGenres, sharedMoods));
  }

  private static String summary(List<FeatureMatch> matches, List<String> genres, List<String> moods) {
    Set<String> phrases = new LinkedHashSet<>();
    for (FeatureMatch match : matches) {
      if (phrases.size() == 3) {
        break;
      }
      phrases.add(match.words());
    }
    if (!genres.isEmpty()) {
      phrases.add("same genre (" + String.join(", ", genres) + ")");
    }
    for (String mood : moods) {
      phrases.add("both " + mood);
    }
    return phrases.isEmpty() ? "little in common" : String.join(", ", phrases);
  }

  private float rawValue(int track, String name) {
    int column = table.findFeature(name);
    return column < 0 ? Float.NaN : table.value(track, column);
  }

  private BitSet blockedOf(Set<String> exclude) {
    BitSet blocked = new BitSet(table.trackCount());
    for (String id : exclude) {
      int index = table.tracks().find(id);
      if (index >= 0) {
        blocked.set(index);
      }
    }
    return blocked;
  }

  private List<SimilarTrack> best(Query query, int n, BitSet blocked) {
    float[] scores = scores(query);
    List<ScoredItem> top = TopK.select(scores, n, blocked);
    Scratch scratch = new Scratch();
    List<SimilarTrack> result = new ArrayList<>(top.size());
    for (ScoredItem item : top) {
      int track = item.index();
      result.add(new SimilarTrack(track, table.tracks().idOf(track), item.score(),
          featureScore(query, track, scratch), tags.similarity(query.tags, track)));
    }
    return result;
  }

  private float[] scores(Query query) {
    int tracks = table.trackCount();
    float[] scores = new float[tracks];
    Scratch scratch = new Scratch();
    boolean useTags = tagWeight > 0 && !tags.isEmpty();
    for (int track = 0; track < tracks; track++) {
      float score = featureScore(query, track, scratch);
      if (useTags) {
        score += tagWeight * tags.similarity(query.tags, track);
      }
      scores[track] = score;
    }
    return scores;
  }

  /** The metric cosine over the features both have; 0 when they share none. */
  private float featureScore(Query query, int track, Scratch scratch) {
    if (query.pattern == patternOf[track]) {
      return Vectors.dot(query.unitRow, 0, unitRows, track * dimensions, dimensions);
    }
    BitSet present = patterns.get(patternOf[track]);
    for (int f = 0; f < features; f++) {
      boolean shared = query.present.get(f) && present.get(f);
      scratch.first[f] = shared ? query.zeroFilled[f] : 0f;
      scratch.second[f] = shared ? zeroFilled[track * features + f] : 0f;
    }
    metric.project(scratch.first, 0, scratch.projectedFirst);
    metric.project(scratch.second, 0, scratch.projectedSecond);
    double norms = Math.sqrt(dot(scratch.projectedFirst, scratch.projectedFirst)
        * dot(scratch.projectedSecond, scratch.projectedSecond));
    return norms > 0 ? (float) (dot(scratch.projectedFirst, scratch.projectedSecond) / norms) : 0f;
  }

  private Query trackQuery(int track) {
    float[] row = java.util.Arrays.copyOfRange(zeroFilled, track * features, (track + 1) * features);
    float[] unit = java.util.Arrays.copyOfRange(unitRows, track * dimensions, (track + 1) * dimensions);
    int pattern = patternOf[track];
    return new Query(row, patterns.get(pattern), pattern, unit, tags.query(track));
  }

  private Query vectorQuery(float[] scaledQuery, Collection<String> genres, Collection<String> moods) {
    if (scaledQuery.length != features) {
      throw new IllegalArgumentException("a query of " + scaledQuery.length + " scaled features, want " + features
          + " (" + scaler.featureNames() + ")");
    }
    float[] row = new float[features];
    BitSet present = new BitSet(features);
    for (int f = 0; f < features; f++) {
      float value = scaledQuery[f];
      if (Float.isInfinite(value)) {
        throw new IllegalArgumentException("query feature '" + scaler.featureNames().get(f) + "' is " + value
            + "; values must be finite (NaN when unknown)");
      }
      if (!Float.isNaN(value)) {
        present.set(f);
        row[f] = value;
      }
    }
    float[] projected = new float[dimensions];
    metric.project(row, 0, projected);
    float[] unit = new float[dimensions];
    normaliseInto(projected, unit, 0);
    int pattern = patternIds.getOrDefault(present, -1);
    return new Query(row, present, pattern, unit, tags.query(TagSimilarity.namespaced(genres, moods)));
  }

  private static void normaliseInto(float[] projected, float[] out, int offset) {
    double norm = Math.sqrt(dot(projected, projected));
    for (int d = 0; d < projected.length; d++) {
      out[offset + d] = norm > 0 ? (float) (projected[d] / norm) : 0f;
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * (double) b[i];
    }
    return sum;
  }

  private record Query(float[] zeroFilled, BitSet present, int pattern, float[] unitRow, TagSimilarity.Query tags) {
  }

  /** Per-call buffers for pairs whose present features differ. */
  private final class Scratch {
    final float[] first = new float[features];
    final float[] second = new float[features];
    final float[] projectedFirst = new float[dimensions];
    final float[] projectedSecond = new float[dimensions];
  }
}
