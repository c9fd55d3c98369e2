package dev.encore.store;

import java.util.Collection;
import java.util.Locale;

/**
 * How large what the store accepts may be, checked on every write path (the API and
 * {@code encore import} alike) before anything is written: an ID's length, and a track's features
 * and tags. One track with 100,000 feature names once made the next training run out of memory;
 * these keep every stored value within what training and serving can hold.
 *
 * @param maxIdLength the longest listener or track ID, in characters (an ID longer than a URL can
 *     carry could be stored but never read back)
 * @param maxFeaturesPerTrack the most audio features one track may have
 * @param maxTagsPerTrack the most genre plus mood tags one track may have
 * @param maxFeatureNames the most distinct feature names the whole catalogue may have: the content
 *     side holds a tracks x names table and the new-track regression a names x names matrix
 */
public record StoreLimits(int maxIdLength, int maxFeaturesPerTrack, int maxTagsPerTrack, int maxFeatureNames) {
  public static final int DEFAULT_MAX_ID_LENGTH = 256;
  /** Encore's standard features number 26; room for far richer extractors. */
  public static final int DEFAULT_MAX_FEATURES_PER_TRACK = 512;
  public static final int DEFAULT_MAX_TAGS_PER_TRACK = 64;
  public static final int DEFAULT_MAX_FEATURE_NAMES = 1024;

  public StoreLimits {
    requireRange("maxIdLength", maxIdLength, 1, 4096);
    requireRange("maxFeaturesPerTrack", maxFeaturesPerTrack, 0, 4096);
    requireRange("maxTagsPerTrack", maxTagsPerTrack, 0, 4096);
    requireRange("maxFeatureNames", maxFeatureNames, 0, 4096);
  }

  public static StoreLimits defaults() {
    return new StoreLimits(DEFAULT_MAX_ID_LENGTH, DEFAULT_MAX_FEATURES_PER_TRACK, DEFAULT_MAX_TAGS_PER_TRACK,
        DEFAULT_MAX_FEATURE_NAMES);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " " + value + " must be between " + min + " and " + max);
    }
  }

  /** Refuses a play whose IDs break the limits. */
  public void check(PlayEvent play) {
    checkId(play.userId(), "user id");
    checkId(play.trackId(), "track id");
  }

  void checkPlays(Collection<PlayEvent> plays) {
    plays.forEach(this::check);
  }

  /** Refuses a track whose ID, features or tags break the limits. */
  public void check(Track track) {
    checkId(track.id(), "track id");
    if (track.features().size() > maxFeaturesPerTrack) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "track %s has %,d features, more than the"
          + " limit of %,d (--max-features-per-track)", shown(track.id()), track.features().size(), maxFeaturesPerTrack));
    }
    int tags = track.genres().size() + track.moods().size();
    if (tags > maxTagsPerTrack) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "track %s has %,d genre and mood tags, more than"
          + " the limit of %,d (--max-tags-per-track)", shown(track.id()), tags, maxTagsPerTrack));
    }
  }

  void checkFeatureNames(long namesAfterWrite) {
    if (namesAfterWrite > maxFeatureNames) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "these tracks would give the catalogue %,d"
          + " distinct feature names, more than the limit of %,d (--max-feature-names); nothing was stored",
          namesAfterWrite, maxFeatureNames));
    }
  }

  /** Refuses an ID longer than the limit; {@code what} names it in the message. */
  public void checkId(String id, String what) {
    if (id.length() > maxIdLength) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s '%s...' is %,d characters long, more than"
          + " the limit of %,d (--max-id-length)", what, shown(id), id.length(), maxIdLength));
    }
  }

  /** An ID short enough to quote in a message. */
  private static String shown(String id) {
    return id.length() <= 40 ? id : id.substring(0, 40);
  }
}
