package dev.encore.content;

import dev.encore.data.Confidence;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.linalg.Kernels;
import dev.encore.model.RecommendOptions;
import dev.encore.model.Recommendation;
import dev.encore.model.TrainedRecommender;
import dev.encore.model.TopK;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recommends by sound: each listener's {@link TasteProfile} (the confidence-weighted mean and
 * spread of the scaled features of what they played) scores every track by how well its features
 * sit inside the listener's usual range, plus how much of the listener's listening shares its
 * genre and mood tags. It needs no co-listening, so it can rank a track nobody has played yet.
 *
 * <p>The score of track t for a profile with means m, spreads s and feature weights w is
 * <pre>
 *   closeness(t) = sum_f w_f exp(-(x_tf - m_f)^2 / (2 (s_f^2 + floor))) / sum_f w_f
 *   score(t)     = closeness(t) + tagWeight * (genre share of t's genres + mood share of t's moods) / 2
 * </pre>
 * over the features both the track and the profile have. Each feature's term is a Gaussian
 * kernel in [0, 1] rather than a squared distance, so one feature far off lowers a track's score
 * without swamping the rest; the spread lets a listener who always plays 120 BPM be picky about
 * tempo while one who plays everything is not. {@code floor} keeps a listener with one play (spread
 * 0) from demanding an exact match. A track without features scores NaN: unknown, never ranked.
 */
public final class ContentRecommender extends TrainedRecommender {
  /** Default variance floor, in scaled units (a catalogue-wide spread is about 1). */
  public static final double DEFAULT_VARIANCE_FLOOR = 0.3;
  /** Default weight of the tag affinity against the feature closeness (both lie in 0..1). */
  public static final double DEFAULT_TAG_WEIGHT = 1.0;
  /** A feature whose closeness reaches this is reported as matching: within about one spread. */
  static final double MATCH_CLOSENESS = 0.6;

  private static final Kernels KERNELS = Kernels.INSTANCE;

  private final ItemFeatures features;
  private final Confidence confidence;
  private final float[] featureWeights;
  private final double varianceFloor;
  private final double tagWeight;
  private final ItemTags genreTags;
  private final ItemTags moodTags;

  /** Encore's default feature weights ({@link FeatureWeights#defaults()}), floor and tag weight. */
  public ContentRecommender(Interactions plays, ItemFeatures features, Confidence confidence) {
    this(plays, features, confidence, FeatureWeights.defaults(), DEFAULT_VARIANCE_FLOOR, DEFAULT_TAG_WEIGHT);
  }

  /**
   * @param weights how much each feature's closeness counts (per group and per feature); they may
   *     not leave every feature of {@code features} at 0
   * @param varianceFloor added to each squared spread, > 0
   * @param tagWeight weight of the tag affinity, >= 0
   */
  public ContentRecommender(Interactions plays, ItemFeatures features, Confidence confidence,
      FeatureWeights weights, double varianceFloor, double tagWeight) {
    super(plays);
    this.features = Objects.requireNonNull(features, "features");
    this.confidence = Objects.requireNonNull(confidence, "confidence");
    if (!features.items().equals(plays.items())) {
      throw new IllegalArgumentException("the features are aligned to " + features.items().size()
          + " items but the plays have " + plays.items().size() + "; align them with ItemFeatures.align(plays.items(), ...)");
    }
    float[] featureWeights = weights.resolve(features.featureNames());
    double total = 0;
    for (float weight : featureWeights) {
      total += weight;
    }
    if (total == 0) {
      throw new IllegalArgumentException("every feature weight is 0: content scores would say nothing");
    }
    if (!(varianceFloor > 0) || !Double.isFinite(varianceFloor)) {
      throw new IllegalArgumentException("variance floor " + varianceFloor + " must be finite and > 0");
    }
    if (!(tagWeight >= 0) || !Double.isFinite(tagWeight)) {
      throw new IllegalArgumentException("tag weight " + tagWeight + " must be finite and >= 0");
    }
    this.featureWeights = featureWeights;
    this.varianceFloor = varianceFloor;
    this.tagWeight = tagWeight;
    this.genreTags = new ItemTags(features.items().size(), features::genres);
    this.moodTags = new ItemTags(features.items().size(), features::moods);
  }


  public ItemFeatures features() {
    return features;
  }

  /** The profile of a known listener from the plays this recommender was given. */
  public TasteProfile profile(int user) {
    Csr matrix = train.userItems();
    return TasteProfile.of(features, matrix.indices(), matrix.values(), matrix.rowStart(user), matrix.rowEnd(user),
        confidence);
  }

  /** The profile of any listener from their plays (external item ID to play count). */
  public TasteProfile profile(Map<String, Float> listenerPlays) {
    int[] items = new int[listenerPlays.size()];
    float[] values = new float[listenerPlays.size()];
    int p = 0;
    for (Map.Entry<String, Float> play : listenerPlays.entrySet()) {
      float value = play.getValue();
      if (!Float.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("play count " + value + " for item '" + play.getKey()
            + "' must be finite and >= 0");
      }
      items[p] = train.items().indexOf(play.getKey());
      values[p++] = value;
    }
    return TasteProfile.of(features, items, values, 0, items.length, confidence);
  }

  @Override
  public void scoreAll(int user, float[] scores) {
    score(profile(user), scores);
  }

  /**
   * Writes every item's score against {@code profile} into {@code scores}; NaN for items without
   * features, and 0 for every described item when the profile is empty (nothing to go on).
   */
  public void score(TasteProfile profile, float[] scores) {
    int itemCount = features.items().size();
    if (scores.length < itemCount) {
      throw new IllegalArgumentException("scores has length " + scores.length + ", want " + itemCount);
    }
    double[] precision = precisions(profile);
    TagShares tagShares = tagShares(profile);
    // The feature part for every track at once, one feature column at a time (see the class
    // formula); score(profile, precision, tagShares, item) is the same sum for one track.
    float[] closeness = new float[itemCount];
    float[] weights = new float[itemCount];
    float[] columns = features.featureMajor();
    for (int f = 0; f < precision.length; f++) {
      if (precision[f] != 0 && featureWeights[f] != 0) {
        KERNELS.addCloseness(columns, f * itemCount, itemCount, profile.mean(f), (float) precision[f],
            featureWeights[f], closeness, weights);
      }
    }
    for (int item = 0; item < itemCount; item++) {
      if (!features.isDescribed(item)) {
        scores[item] = Float.NaN;
        continue;
      }
      float featurePart = weights[item] > 0 ? closeness[item] / weights[item] : 0f;
      scores[item] = (float) (featurePart + tagWeight * tagAffinity(tagShares, item));
    }
  }

  /** The recommendations for a listener who is not in the plays, from what they played. */
  public List<Recommendation> recommend(Map<String, Float> listenerPlays, int n, RecommendOptions options) {
    float[] scores = new float[items().size()];
    score(profile(listenerPlays), scores);
    int[] playedItems = listenerPlays.keySet().stream().mapToInt(id -> items().indexOf(id)).toArray();
    return toRecommendations(TopK.select(scores, n, options.blockedItems(playedItems, items())));
  }

  /** 1 / (2 (s_f^2 + floor)) per feature; 0 where the profile lacks the feature. */
  private double[] precisions(TasteProfile profile) {
    double[] precision = new double[features.featureCount()];
    for (int f = 0; f < precision.length; f++) {
      float spread = profile.spread(f);
      precision[f] = Float.isNaN(spread) ? 0 : 1 / (2 * ((double) spread * spread + varianceFloor));
    }
    return precision;
  }

  private double score(TasteProfile profile, double[] precision, TagShares tagShares, int item) {
    double closeness = 0;
    double weights = 0;
    for (int f = 0; f < precision.length; f++) {
      float value = features.value(item, f);
      if (precision[f] == 0 || Float.isNaN(value) || featureWeights[f] == 0) {
        continue;
      }
      double deviation = value - profile.mean(f);
      closeness += featureWeights[f] * Math.exp(-deviation * deviation * precision[f]);
      weights += featureWeights[f];
    }
    double featurePart = weights > 0 ? closeness / weights : 0;
    return featurePart + tagWeight * tagAffinity(tagShares, item);
  }

  /** The profile's genre and mood shares by tag ID. */
  private record TagShares(double[] genres, double[] moods) {}

  private TagShares tagShares(TasteProfile profile) {
    return new TagShares(genreTags.byId(profile.genreShares()), moodTags.byId(profile.moodShares()));
  }

  /** The mean share of the profile over the item's genres, and over its moods, averaged: 0..1. */
  private double tagAffinity(TagShares shares, int item) {
    return (genreTags.meanShare(shares.genres(), item) + moodTags.meanShare(shares.moods(), item)) / 2;
  }

  /**
   * Why {@code itemId} scores as it does for {@code userId}: the features closest to the
   * listener's usual range (closeness first, at most {@code top}) and the tags they share.
   */
  public TasteExplanation explain(String userId, String itemId, int top) {
    return explain(profile(users().indexOf(userId)), itemId, top);
  }

  /** As {@link #explain(String, String, int)}, for any profile. */
  public TasteExplanation explain(TasteProfile profile, String itemId, int top) {
    int item = items().indexOf(itemId);
    if (!features.isDescribed(item)) {
      throw new IllegalArgumentException("item '" + itemId + "' has no features, so content cannot explain it");
    }
    double[] precision = precisions(profile);
    List<TasteExplanation.FeatureFit> matches = new ArrayList<>();
    for (int f = 0; f < precision.length; f++) {
      float value = features.value(item, f);
      if (precision[f] == 0 || Float.isNaN(value) || featureWeights[f] == 0) {
        continue;
      }
      double deviation = value - profile.mean(f);
      double closeness = Math.exp(-deviation * deviation * precision[f]);
      matches.add(new TasteExplanation.FeatureFit(features.featureNames().get(f), value, profile.mean(f),
          profile.spread(f), closeness, closeness >= MATCH_CLOSENESS));
    }
    matches.sort(Comparator.comparingDouble(TasteExplanation.FeatureFit::closeness).reversed());
    List<TasteExplanation.TagShare> tags = new ArrayList<>();
    for (String genre : features.genres(item)) {
      tags.add(new TasteExplanation.TagShare("genre", genre, profile.genreShares().getOrDefault(genre, 0.0)));
    }
    for (String mood : features.moods(item)) {
      tags.add(new TasteExplanation.TagShare("mood", mood, profile.moodShares().getOrDefault(mood, 0.0)));
    }
    return new TasteExplanation(itemId, score(profile, precision, tagShares(profile), item),
        List.copyOf(matches.subList(0, Math.min(top, matches.size()))), List.copyOf(tags));
  }

  @Override
  public String toString() {
    return "ContentRecommender[" + features.describedCount() + " of " + items().size() + " items described, "
        + features.featureCount() + " features]";
  }
}
