package dev.encore.content;

import java.util.BitSet;
import java.util.List;

/**
 * Genre precision@k of similar-track lists: for each query track, its k most similar candidates
 * (never itself); the share of them with the query's genre, averaged over queries. With the genre
 * as the class and tags left out of the similarity, it measures how well sound alone finds the
 * same kind of music.
 */
public final class GenrePrecision {
  private GenrePrecision() {
  }

  /**
   * Precision@k of {@code similarity} for {@code queries} (dense track indices) against the tracks
   * set in {@code candidates}; {@code classes[track]} is each track's genre (0-based).
   */
  public static double atK(ContentSimilarity similarity, int[] classes, int k, int[] queries, BitSet candidates) {
    if (queries.length == 0) {
      throw new IllegalArgumentException("no query tracks");
    }
    BitSet blocked = new BitSet(classes.length);
    blocked.set(0, classes.length);
    blocked.andNot(candidates);
    long hits = 0;
    long listed = 0;
    for (int query : queries) {
      List<SimilarTrack> found = similarity.similar(query, k, blocked);
      for (SimilarTrack track : found) {
        if (classes[track.index()] == classes[query]) {
          hits++;
        }
      }
      listed += k;
    }
    return (double) hits / listed;
  }

  /**
   * The expected precision of random lists over the whole catalogue: for each query, the share of
   * the other tracks that have its genre (0.0991 for GTZAN's 10 genres of 100 tracks).
   */
  public static double expectedAtRandom(int[] classes) {
    int classCount = 0;
    for (int label : classes) {
      classCount = Math.max(classCount, label + 1);
    }
    long[] sizes = new long[classCount];
    for (int label : classes) {
      sizes[label]++;
    }
    double sum = 0;
    for (int label : classes) {
      sum += (sizes[label] - 1) / (double) (classes.length - 1);
    }
    return sum / classes.length;
  }
}
