package dev.encore.content;

/**
 * A track found similar by content.
 *
 * @param index the track's dense index in the catalogue
 * @param trackId its external ID
 * @param score {@code featureScore + tagWeight * tagScore}, the ranking score
 * @param featureScore the weighted cosine of the scaled features both tracks have, in [-1, 1]
 * @param tagScore the IDF-weighted Jaccard similarity of the tags, in [0, 1]
 */
public record SimilarTrack(int index, String trackId, double score, double featureScore, double tagScore) {
}
