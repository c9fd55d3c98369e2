package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.content.FeatureTable;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import dev.encore.model.Recommendation;
import dev.encore.popular.PopularityRecommender;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StarterTracksTest {
  /** Listeners per track: a 4, b 3, c 2, d 1; genres and moods as tagged below. */
  private static final Interactions PLAYS = new InteractionsBuilder()
      .add("u1", "a", 1).add("u2", "a", 1).add("u3", "a", 1).add("u4", "a", 1)
      .add("u1", "b", 1).add("u2", "b", 1).add("u3", "b", 1)
      .add("u1", "c", 1).add("u2", "c", 1)
      .add("u1", "d", 1)
      .build();
  private static final FeatureTable TAGS = FeatureTable.builder(List.of("tempo"))
      .add("a", new float[] {0}, List.of("Rock"), List.of("happy"))
      .add("b", new float[] {0}, List.of("jazz"), List.of("calm"))
      .add("c", new float[] {0}, List.of("jazz", "soul"), List.of("happy"))
      .add("d", new float[] {0}, List.of("soul"), List.of("calm"))
      .build();
  private static final PopularityRecommender POPULAR = new PopularityRecommender(PLAYS);
  private static final ItemFeatures FEATURES = ItemFeatures.align(PLAYS.items(), TAGS);

  private static List<String> starters(Set<String> genres, Set<String> moods, int n) {
    return StarterTracks.recommend(POPULAR, FEATURES, genres, moods, n).stream().map(Recommendation::itemId).toList();
  }

  @Test
  void withoutPicksTheMostPopularTracksComeFirst() {
    assertThat(starters(Set.of(), Set.of(), 3)).containsExactly("a", "b", "c");
    assertThat(StarterTracks.recommend(POPULAR, null, Set.of(), Set.of(), 1)).extracting(Recommendation::itemId)
        .containsExactly("a");
  }

  @Test
  void picksKeepTracksWithAnyPickedGenreAndAnyPickedMood() {
    assertThat(starters(Set.of("soul", "JAZZ"), Set.of(), 10)).containsExactly("b", "c", "d");
    assertThat(starters(Set.of("soul", "jazz"), Set.of("calm"), 10)).containsExactly("b", "d");
    assertThat(starters(Set.of("rock"), Set.of(), 10)).containsExactly("a");
  }

  @Test
  void excludedTracksAreLeftOutOfTheStarters() {
    BitSet excluded = new BitSet();
    excluded.set(PLAYS.items().indexOf("b"));

    assertThat(StarterTracks.recommend(POPULAR, FEATURES, Set.of("jazz", "soul"), Set.of(), 10, excluded))
        .extracting(Recommendation::itemId).containsExactly("c", "d");
    assertThat(excluded.cardinality()).as("the caller's set is left as it was").isEqualTo(1);
  }

  @Test
  void anUnknownPickIsAnErrorListingTheKnownTags() {
    assertThatThrownBy(() -> starters(Set.of("polka"), Set.of(), 3))
        .hasMessage("genre 'polka' is not a tag of any track; the genres are [jazz, rock, soul]");
    assertThatThrownBy(() -> starters(Set.of(), Set.of("angry"), 3))
        .hasMessage("mood 'angry' is not a tag of any track; the moods are [calm, happy]");
    assertThatThrownBy(() -> StarterTracks.recommend(POPULAR, null, Set.of("jazz"), Set.of(), 3))
        .hasMessageContaining("needs the tracks' tags");
  }
}
