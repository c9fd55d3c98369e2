package dev.encore.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IDF-weighted Jaccard similarity of tag sets: the summed inverse document frequency of the tags
 * two tracks share over that of the tags either has. Sharing a rare tag ("bossa nova") says more
 * than sharing a common one ("rock"). Genre and mood tags live in separate namespaces, so a genre
 * "happy" never matches a mood "happy".
 */
final class TagSimilarity {
  static final String GENRE = "genre:";
  static final String MOOD = "mood:";

  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final List<String> tagNames = new ArrayList<>();
  private final float[] idf;
  private final int[][] trackTags;
  private final float[] trackWeight;
  private final float unseenIdf;

  TagSimilarity(FeatureTable table) {
    int tracks = table.trackCount();
    trackTags = new int[tracks][];
    List<Integer> documentFrequency = new ArrayList<>();
    for (int track = 0; track < tracks; track++) {
      List<Integer> ids = new ArrayList<>();
      for (String tag : namespaced(table.genres(track), table.moods(track))) {
        int id = vocabulary.computeIfAbsent(tag, added -> {
          tagNames.add(added);
          documentFrequency.add(0);
          return tagNames.size() - 1;
        });
        if (!ids.contains(id)) {
          ids.add(id);
          documentFrequency.set(id, documentFrequency.get(id) + 1);
        }
      }
      trackTags[track] = ids.stream().mapToInt(Integer::intValue).toArray();
    }
    idf = new float[tagNames.size()];
    for (int id = 0; id < idf.length; id++) {
      idf[id] = (float) Math.log(1 + (double) tracks / documentFrequency.get(id));
    }
    unseenIdf = (float) Math.log(1 + (double) Math.max(tracks, 1));
    trackWeight = new float[tracks];
    for (int track = 0; track < tracks; track++) {
      for (int id : trackTags[track]) {
        trackWeight[track] += idf[id];
      }
    }
  }

  static List<String> namespaced(Collection<String> genres, Collection<String> moods) {
    List<String> tags = new ArrayList<>(genres.size() + moods.size());
    genres.forEach(genre -> tags.add(GENRE + genre));
    moods.forEach(mood -> tags.add(MOOD + mood));
    return tags;
  }

  boolean isEmpty() {
    return tagNames.isEmpty();
  }

  /** A query's tags (namespaced) as a mark per known tag, and its total weight. */
  Query query(Collection<String> namespacedTags) {
    float[] marks = new float[idf.length];
    float weight = 0;
    for (String tag : namespacedTags) {
      Integer id = vocabulary.get(tag);
      if (id == null) {
        weight += unseenIdf;
      } else if (marks[id] == 0) {
        marks[id] = idf[id];
        weight += idf[id];
      }
    }
    return new Query(marks, weight);
  }

  Query query(int track) {
    float[] marks = new float[idf.length];
    for (int id : trackTags[track]) {
      marks[id] = idf[id];
    }
    return new Query(marks, trackWeight[track]);
  }

  /** The namespaced tags track {@code track} shares with the query. */
  List<String> shared(Query query, int track) {
    List<String> shared = new ArrayList<>();
    for (int id : trackTags[track]) {
      if (query.marks[id] > 0) {
        shared.add(tagNames.get(id));
      }
    }
    return shared;
  }

  /** The IDF-weighted Jaccard similarity of the query and {@code track}, in [0, 1]. */
  float similarity(Query query, int track) {
    float shared = 0;
    for (int id : trackTags[track]) {
      shared += query.marks[id];
    }
    float union = query.weight + trackWeight[track] - shared;
    return union > 0 ? shared / union : 0f;
  }

  record Query(float[] marks, float weight) {
  }
}
