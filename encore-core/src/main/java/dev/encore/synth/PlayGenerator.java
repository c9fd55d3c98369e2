package dev.encore.synth;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates a synthetic listening history over a {@link TrackCatalogue}, streamed to a
 * {@link PlaySink} one listener at a time, deterministic for the seed.
 *
 * <p>Each listener gets a log-normal number of distinct tracks (mean targetPlays / listeners).
 * Most are drawn from the listener's taste (a genre from their favourites, a mood, then a track
 * of that genre and mood weighted by popularity), the rest from popularity alone; taste tracks
 * get heavier play counts than the noise, so both which tracks and how often carry signal.
 *
 * <p>Memory stays flat in the number of plays: besides the catalogue, a run keeps three arrays
 * the size of the catalogue and nothing per play, so 10^8 rows stream through in constant space.
 */
public final class PlayGenerator {
  /** The share of draws that ignore taste: the popular-anything listening every user does. */
  static final double NOISE_SHARE = 0.15;
  /** Power-law exponents of play counts: tracks a listener likes are replayed more. */
  private static final double TASTE_COUNT_EXPONENT = 1.6;
  private static final double NOISE_COUNT_EXPONENT = 2.2;
  /** Draws per wanted track before giving up on a listener whose taste is nearly exhausted. */
  private static final int ATTEMPTS_PER_TRACK = 8;
  private static final int EXTRA_ATTEMPTS = 64;

  private final SynthConfig config;
  private final TrackCatalogue catalogue;
  private final PaddedId listenerIds;
  private final PlayCounts tasteCounts;
  private final PlayCounts noiseCounts;
  private final int maxTracksPerListener;
  private final double activityMu;

  public PlayGenerator(SynthConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.catalogue = new TrackCatalogue(config);
    this.listenerIds = PaddedId.forCount('u', config.listeners());
    this.tasteCounts = new PlayCounts(config.maxPlayCount(), TASTE_COUNT_EXPONENT);
    this.noiseCounts = new PlayCounts(config.maxPlayCount(), NOISE_COUNT_EXPONENT);
    this.maxTracksPerListener = Math.max(1, config.tracks() / 2);
    double sigma = config.activitySigma();
    // A log-normal's mean is exp(mu + sigma^2 / 2); solve for the mu that hits the target mean.
    this.activityMu = Math.log(config.meanTracksPerListener()) - sigma * sigma / 2;
  }

  public SynthConfig config() {
    return config;
  }

  public TrackCatalogue catalogue() {
    return catalogue;
  }

  /** The external ID of a listener, e.g. {@code u0000123}. */
  public String listenerId(int listener) {
    return listenerIds.format(listener);
  }

  /** The external ID of a track, e.g. {@code t000045}. */
  public String trackId(int track) {
    return catalogue.trackId(track);
  }

  StringBuilder appendListenerId(StringBuilder out, int listener) {
    return listenerIds.appendTo(out, listener);
  }

  /** Streams every listener's plays to {@code sink}; returns the number of rows emitted. */
  public long generate(PlaySink sink) {
    return generate(sink, 0, config.listeners());
  }

  /**
   * Streams the plays of listeners {@code first} (inclusive) to {@code end} (exclusive): the
   * same rows those listeners get in a full run, so ranges can be generated apart.
   */
  public long generate(PlaySink sink, int first, int end) {
    if (first < 0 || end > config.listeners() || first > end) {
      throw new IllegalArgumentException("listener range " + first + ".." + end + " is outside 0.."
          + config.listeners());
    }
    boolean[] chosen = new boolean[config.tracks()];
    int[] picks = new int[maxTracksPerListener];
    int[] playCountOf = new int[config.tracks()];
    long rows = 0;
    for (int listener = first; listener < end; listener++) {
      SplittableRandom random = Seeds.random(config.seed(), Seeds.LISTENERS, listener);
      ListenerTaste taste = ListenerTaste.draw(random, config.genres(), config.moods());
      int wanted = trackCount(random);
      int picked = 0;
      for (int attempt = 0; picked < wanted && attempt < ATTEMPTS_PER_TRACK * wanted + EXTRA_ATTEMPTS; attempt++) {
        boolean fromTaste = random.nextDouble() >= NOISE_SHARE;
        int track = fromTaste
            ? catalogue.sampleCell(taste.pickGenre(random), taste.pickMood(random, config.moods()), random)
            : catalogue.samplePopular(random);
        if (track < 0 || chosen[track]) {
          continue;
        }
        chosen[track] = true;
        picks[picked++] = track;
        playCountOf[track] = (fromTaste ? tasteCounts : noiseCounts).sample(random);
      }
      Arrays.sort(picks, 0, picked);
      for (int i = 0; i < picked; i++) {
        int track = picks[i];
        sink.accept(listener, track, playCountOf[track]);
        chosen[track] = false;
      }
      rows += picked;
    }
    return rows;
  }

  /** The log-normal number of distinct tracks a listener plays, at least 1. */
  private int trackCount(SplittableRandom random) {
    double draw = Math.exp(activityMu + config.activitySigma() * random.nextGaussian());
    return (int) Math.max(1, Math.min(maxTracksPerListener, Math.round(draw)));
  }
}
