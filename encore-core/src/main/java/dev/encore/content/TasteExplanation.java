package dev.encore.content;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a track suits a listener's taste profile: its features ordered by how close they sit to
 * the listener's usual values, and the share of the listener's plays that carry its tags.
 *
 * @param score the content score the explanation reproduces
 * @param features the closest features first; {@code matched} when within about one spread
 * @param tags the track's genre and mood tags with the listener's weighted share of each
 */
public record TasteExplanation(String itemId, double score, List<FeatureFit> features, List<TagShare> tags) {

  /** One feature: the track's scaled value against the profile's mean and spread. */
  public record FeatureFit(String feature, double trackValue, double profileMean, double profileSpread,
      double closeness, boolean matched) {}

  /** One of the track's tags ({@code kind} genre or mood) and the share of plays carrying it. */
  public record TagShare(String kind, String tag, double share) {}

  /**
   * One line for people, e.g. "matches timbre, rhythm; 62% of plays genre rock, 40% of plays mood
   * calm": the matching features named by their group's words (so five MFCCs say "timbre" once);
   * the emotion flags are left to the mood tags, since matching an absent flag says little.
   */
  public String summary() {
    String matched = features.stream().filter(FeatureFit::matched)
        .filter(fit -> !StandardFeatures.EMOTION_FLAGS.contains(fit.feature()))
        .map(fit -> FeatureGroup.of(fit.feature()).words()).distinct().collect(Collectors.joining(", "));
    String shared = tags.stream().filter(tag -> tag.share() > 0)
        .map(tag -> String.format(Locale.ROOT, "%.0f%% of plays %s %s", 100 * tag.share(), tag.kind(), tag.tag()))
        .collect(Collectors.joining(", "));
    String sound = matched.isEmpty() ? "no feature within the usual range" : "matches " + matched;
    return shared.isEmpty() ? sound : sound + "; " + shared;
  }
}
