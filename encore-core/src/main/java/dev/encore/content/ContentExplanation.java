package dev.encore.content;

import java.util.List;

/**
 * Why two tracks are similar by content.
 *
 * @param trackId the track asked about
 * @param otherTrackId the track compared with it
 * @param score the similarity: {@code featureScore + tagWeight * tagScore}
 * @param featureScore the weighted cosine of the scaled features both tracks have
 * @param tagScore the IDF-weighted Jaccard similarity of their genre and mood tags
 * @param matches the features that added most to {@code featureScore}, largest first
 * @param sharedGenres the genres both have
 * @param sharedMoods the moods both have
 * @param summary the reasons in a listener's words, e.g. "similar tempo, both calm, same genre (rock)"
 */
public record ContentExplanation(String trackId, String otherTrackId, double score, double featureScore,
    double tagScore, List<FeatureMatch> matches, List<String> sharedGenres, List<String> sharedMoods, String summary) {

  public ContentExplanation {
    matches = List.copyOf(matches);
    sharedGenres = List.copyOf(sharedGenres);
    sharedMoods = List.copyOf(sharedMoods);
  }
}
