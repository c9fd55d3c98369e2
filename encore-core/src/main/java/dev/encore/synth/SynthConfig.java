package dev.encore.synth;

/**
 * The settings of a synthetic music catalogue and its listening history.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>listeners</td><td>preset</td><td>number of listeners (users)</td></tr>
 *   <tr><td>tracks</td><td>preset</td><td>number of tracks (items)</td></tr>
 *   <tr><td>targetPlays</td><td>preset</td><td>expected number of (listener, track) rows; each
 *       row carries a play count</td></tr>
 *   <tr><td>popularityExponent</td><td>1.0</td><td>Zipf exponent s of track popularity: the
 *       track of popularity rank r is drawn with weight 1 / r^s</td></tr>
 *   <tr><td>activitySigma</td><td>1.0</td><td>sigma of the log-normal number of distinct
 *       tracks per listener</td></tr>
 *   <tr><td>maxPlayCount</td><td>100</td><td>play counts are heavy-tailed in 1..max</td></tr>
 *   <tr><td>genres</td><td>preset</td><td>number of genres</td></tr>
 *   <tr><td>moods</td><td>4</td><td>number of moods (the first four: happy, sad, energetic,
 *       calm)</td></tr>
 *   <tr><td>seed</td><td>42</td><td>the same seed gives the same catalogue and plays</td></tr>
 * </table>
 */
public record SynthConfig(int listeners, int tracks, long targetPlays, double popularityExponent,
    double activitySigma, int maxPlayCount, int genres, int moods, long seed) {

  public static final double DEFAULT_POPULARITY_EXPONENT = 1.0;
  public static final double DEFAULT_ACTIVITY_SIGMA = 1.0;
  public static final int DEFAULT_MAX_PLAY_COUNT = 100;
  public static final int DEFAULT_MOODS = 4;
  public static final long DEFAULT_SEED = 42L;

  public SynthConfig {
    require(listeners >= 1, "listeners", listeners, "must be >= 1");
    require(tracks >= 2, "tracks", tracks, "must be >= 2");
    require(targetPlays >= 1 && targetPlays <= (long) listeners * tracks / 2, "targetPlays", targetPlays,
        "must be in 1..listeners x tracks / 2 = " + (long) listeners * tracks / 2);
    require(Double.isFinite(popularityExponent) && popularityExponent >= 0, "popularityExponent",
        popularityExponent, "must be finite and >= 0");
    require(Double.isFinite(activitySigma) && activitySigma >= 0, "activitySigma", activitySigma,
        "must be finite and >= 0");
    require(maxPlayCount >= 1, "maxPlayCount", maxPlayCount, "must be >= 1");
    require(genres >= 1 && genres <= tracks, "genres", genres, "must be in 1..tracks");
    require(moods >= 1 && moods <= tracks, "moods", moods, "must be in 1..tracks");
  }

  private static void require(boolean holds, String setting, Object value, String rule) {
    if (!holds) {
      throw new IllegalArgumentException("synth setting " + setting + " = " + value + " " + rule);
    }
  }

  /** The given size with every other setting at its default. */
  public static SynthConfig of(int listeners, int tracks, long targetPlays, int genres) {
    return new SynthConfig(listeners, tracks, targetPlays, DEFAULT_POPULARITY_EXPONENT, DEFAULT_ACTIVITY_SIGMA,
        DEFAULT_MAX_PLAY_COUNT, genres, DEFAULT_MOODS, DEFAULT_SEED);
  }

  /**
   * 200 listeners x 100 tracks for unit tests: targets 4,000 rows but yields about 3,400, as the
   * cap of half the catalogue per listener trims the log-normal tail.
   */
  public static SynthConfig tiny() {
    return of(200, 100, 4_000, 5);
  }

  /** 2,000 listeners x 1,000 tracks, about 50,000 rows. */
  public static SynthConfig small() {
    return of(2_000, 1_000, 50_000, 10);
  }

  /** 20,000 listeners x 5,000 tracks, about 1 million rows. */
  public static SynthConfig oneMillion() {
    return of(20_000, 5_000, 1_000_000, 16);
  }

  /** 200,000 listeners x 50,000 tracks, about 10 million rows. */
  public static SynthConfig tenMillion() {
    return of(200_000, 50_000, 10_000_000, 24);
  }

  /** 2 million listeners x 500,000 tracks, about 100 million rows. */
  public static SynthConfig hundredMillion() {
    return of(2_000_000, 500_000, 100_000_000, 32);
  }

  public SynthConfig withSeed(long newSeed) {
    return new SynthConfig(listeners, tracks, targetPlays, popularityExponent, activitySigma, maxPlayCount,
        genres, moods, newSeed);
  }

  /** The mean number of distinct tracks per listener the target implies. */
  double meanTracksPerListener() {
    return (double) targetPlays / listeners;
  }
}
