package dev.encore.synth;

import dev.encore.content.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic tracks: each has a genre, a mood, a Zipf-like popularity (rank r drawn with
 * weight 1 / r^{@code popularityExponent}, ranks shuffled across tracks) and audio features
 * computed on demand from the seed. Holds only arrays the size of the catalogue, so it fits
 * 500,000 tracks in a few tens of megabytes.
 */
public final class TrackCatalogue {
  private static final List<String> NAMED_GENRES = List.of("rock", "pop", "hiphop", "jazz", "classical",
      "electronic", "metal", "country", "blues", "reggae", "folk", "soul");
  private static final List<String> NAMED_MOODS = List.of("happy", "sad", "energetic", "calm");

  private final SynthConfig config;
  private final PaddedId ids;
  private final List<String> genreNames;
  private final List<String> moodNames;
  private final int[] genreOf;
  private final int[] moodOf;
  /** Tracks ordered by (genre, mood) cell, so each cell is one range of the cell sampler. */
  private final int[] byCell;
  private final RangeAliasSampler cellSampler;
  private final RangeAliasSampler popularSampler;
  private final FeatureModel featureModel;

  public TrackCatalogue(SynthConfig config) {
    this.config = config;
    int tracks = config.tracks();
    ids = PaddedId.forCount('t', tracks);
    genreNames = names(NAMED_GENRES, "genre", config.genres());
    moodNames = names(NAMED_MOODS, "mood", config.moods());
    SplittableRandom random = Seeds.random(config.seed(), Seeds.CATALOGUE, 0);
    genreOf = new int[tracks];
    moodOf = new int[tracks];
    for (int track = 0; track < tracks; track++) {
      genreOf[track] = random.nextInt(config.genres());
      moodOf[track] = random.nextInt(config.moods());
    }
    double[] popularity = zipfWeightsInShuffledOrder(tracks, config.popularityExponent(), random);
    popularSampler = new RangeAliasSampler(popularity, new int[] {0, tracks});

    int cells = config.genres() * config.moods();
    int[] cellStarts = new int[cells + 1];
    for (int track = 0; track < tracks; track++) {
      cellStarts[cellOf(genreOf[track], moodOf[track]) + 1]++;
    }
    for (int cell = 0; cell < cells; cell++) {
      cellStarts[cell + 1] += cellStarts[cell];
    }
    byCell = new int[tracks];
    double[] cellWeights = new double[tracks];
    int[] next = cellStarts.clone();
    for (int track = 0; track < tracks; track++) {
      int position = next[cellOf(genreOf[track], moodOf[track])]++;
      byCell[position] = track;
      cellWeights[position] = popularity[track];
    }
    cellSampler = new RangeAliasSampler(cellWeights, cellStarts);
    featureModel = new FeatureModel(config.seed(), config.genres(), config.moods());
  }

  private static List<String> names(List<String> named, String prefix, int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(i < named.size() ? named.get(i) : prefix + (i + 1));
    }
    return List.copyOf(names);
  }

  private static double[] zipfWeightsInShuffledOrder(int tracks, double exponent, SplittableRandom random) {
    int[] rankOf = new int[tracks];
    for (int track = 0; track < tracks; track++) {
      rankOf[track] = track;
    }
    for (int i = tracks - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = rankOf[i];
      rankOf[i] = rankOf[j];
      rankOf[j] = swap;
    }
    double[] weights = new double[tracks];
    for (int track = 0; track < tracks; track++) {
      weights[track] = Math.pow(rankOf[track] + 1, -exponent);
    }
    return weights;
  }

  private int cellOf(int genre, int mood) {
    return genre * config.moods() + mood;
  }

  public int size() {
    return genreOf.length;
  }

  /** The external ID of a track, e.g. {@code t000045}. */
  public String trackId(int track) {
    return ids.format(track);
  }

  /** The track whose external ID is {@code trackId}, the inverse of {@link #trackId}. */
  public int track(String trackId) {
    return ids.parse(trackId);
  }

  StringBuilder appendTrackId(StringBuilder out, int track) {
    return ids.appendTo(out, track);
  }

  public List<String> genreNames() {
    return genreNames;
  }

  public List<String> moodNames() {
    return moodNames;
  }

  public String genre(int track) {
    return genreNames.get(genreOf[track]);
  }

  public String mood(int track) {
    return moodNames.get(moodOf[track]);
  }

  /** The track's genre, mood and audio features; the same every call for the same seed. */
  public TrackProfile profile(int track) {
    SplittableRandom random = Seeds.random(config.seed(), Seeds.TRACK_FEATURES, track);
    return new TrackProfile(trackId(track), genre(track), mood(track),
        featureModel.features(genreOf[track], moodOf[track], random));
  }

  /**
   * Every track's profile as a {@link FeatureTable}, tagged with its genre and mood, in track
   * order: the content a content-based recommender sees for this catalogue.
   */
  public FeatureTable featureTable() {
    FeatureTable.Builder builder = FeatureTable.builder(TrackProfile.FEATURE_NAMES);
    for (int track = 0; track < size(); track++) {
      TrackProfile profile = profile(track);
      builder.add(profile.trackId(), profile.features(), List.of(profile.genre()), List.of(profile.mood()));
    }
    return builder.build();
  }

  /** A popularity-weighted track of the given genre and mood, or -1 if there is none. */
  int sampleCell(int genre, int mood, SplittableRandom random) {
    int position = cellSampler.sample(cellOf(genre, mood), random);
    return position < 0 ? -1 : byCell[position];
  }

  /** A popularity-weighted track of any genre and mood. */
  int samplePopular(SplittableRandom random) {
    return popularSampler.sample(0, random);
  }
}
