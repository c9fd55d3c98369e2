package dev.encore.hybrid;

import dev.encore.content.ItemFeatures;
import dev.encore.model.Recommendation;
import dev.encore.model.ScoredItem;
import dev.encore.model.TopK;
import dev.encore.popular.PopularityRecommender;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Cold start for a listener with no plays at all: the most popular tracks, optionally only those
 * tagged with one of the genres and one of the moods the listener picked (case-insensitive; an
 * empty set means any). Nothing personal is known, so popularity is the best guess, and a few
 * picked tags are the cheapest way to make it personal.
 */
public final class StarterTracks {
  private StarterTracks() {}

  /**
   * The {@code n} most popular tracks matching the picked tags, most popular first.
   *
   * @param tags the tracks' genre and mood tags, aligned with {@code popularity}'s items; only read
   *     when a genre or mood is picked (null is fine otherwise)
   * @throws IllegalArgumentException naming a picked tag no track carries, with the known ones
   */
  public static List<Recommendation> recommend(PopularityRecommender popularity, ItemFeatures tags,
      Set<String> genres, Set<String> moods, int n) {
    return recommend(popularity, tags, genres, moods, n, new BitSet());
  }

  /** As {@link #recommend(PopularityRecommender, ItemFeatures, Set, Set, int)}, never the tracks set in {@code excluded}. */
  public static List<Recommendation> recommend(PopularityRecommender popularity, ItemFeatures tags,
      Set<String> genres, Set<String> moods, int n, BitSet excluded) {
    int count = popularity.items().size();
    BitSet blocked = (BitSet) excluded.clone();
    if (!genres.isEmpty() || !moods.isEmpty()) {
      if (tags == null) {
        throw new IllegalArgumentException("picking genres or moods needs the tracks' tags (a features file)");
      }
      if (!tags.items().equals(popularity.items())) {
        throw new IllegalArgumentException("the tags are aligned to other items than the popularity counts");
      }
      Set<String> wantedGenres = lowerCase(genres);
      Set<String> wantedMoods = lowerCase(moods);
      requireKnown("genre", wantedGenres, tags, true);
      requireKnown("mood", wantedMoods, tags, false);
      for (int item = 0; item < count; item++) {
        boolean genreOk = wantedGenres.isEmpty() || anyOf(tags.genres(item), wantedGenres);
        boolean moodOk = wantedMoods.isEmpty() || anyOf(tags.moods(item), wantedMoods);
        if (!genreOk || !moodOk) {
          blocked.set(item);
        }
      }
    }
    float[] scores = new float[count];
    for (int item = 0; item < count; item++) {
      scores[item] = popularity.popularity(item);
    }
    List<ScoredItem> top = TopK.select(scores, n, blocked);
    return popularity.toRecommendations(top);
  }

  private static Set<String> lowerCase(Set<String> tags) {
    return tags.stream().map(tag -> tag.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  private static boolean anyOf(List<String> trackTags, Set<String> wanted) {
    for (String tag : trackTags) {
      if (wanted.contains(tag.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static void requireKnown(String kind, Set<String> wanted, ItemFeatures tags, boolean genre) {
    if (wanted.isEmpty()) {
      return;
    }
    Set<String> known = new TreeSet<>();
    for (int item = 0; item < tags.items().size(); item++) {
      for (String tag : genre ? tags.genres(item) : tags.moods(item)) {
        known.add(tag.toLowerCase(Locale.ROOT));
      }
    }
    for (String tag : new TreeSet<>(wanted)) {
      if (!known.contains(tag)) {
        throw new IllegalArgumentException(kind + " '" + tag + "' is not a tag of any track; the " + kind + "s are "
            + known);
      }
    }
  }
}
