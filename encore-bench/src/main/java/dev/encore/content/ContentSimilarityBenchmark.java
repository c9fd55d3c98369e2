package dev.encore.content;

import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One similar-tracks query over the 50,000 synthetic tracks of the synth-10m catalogue (16
 * standard features, genre and mood tags): weighted cosine with the tag bonus, a learned full
 * metric, and a query track that lacks a feature (every pair then computed from shared features).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class ContentSimilarityBenchmark {
  private static final int TRACKS = 50_000;

  private ContentSimilarity weighted;
  private ContentSimilarity learned;
  private ContentSimilarity withGaps;
  private String queryTrack;

  @Setup
  public void setUp() {
    FeatureTable catalogue = new TrackCatalogue(SynthConfig.tenMillion()).featureTable();
    if (catalogue.trackCount() != TRACKS) {
      throw new IllegalStateException("synth-10m has " + catalogue.trackCount() + " tracks, expected " + TRACKS);
    }
    queryTrack = catalogue.tracks().idOf(123);
    weighted = ContentSimilarity.of(catalogue, FeatureWeights.defaults(), ContentSimilarity.DEFAULT_TAG_WEIGHT);

    FeatureScaler scaler = weighted.scaler();
    int[] classes = new int[catalogue.trackCount()];
    List<String> genres = new ArrayList<>();
    for (int track = 0; track < classes.length; track++) {
      String genre = catalogue.genres(track).get(0);
      if (!genres.contains(genre)) {
        genres.add(genre);
      }
      classes[track] = genres.indexOf(genre);
    }
    int[] training = new Random(1).ints(5_000, 0, classes.length).distinct().toArray();
    SimilarityMetric metric = new MetricLearner(0.1, 0.25).learn(scaler.featureNames(), scaler.scale(catalogue),
        classes, training);
    learned = ContentSimilarity.of(catalogue, scaler, metric, 0f);

    FeatureTable.Builder gapped = FeatureTable.builder(catalogue.featureNames());
    for (int track = 0; track < catalogue.trackCount(); track++) {
      float[] row = catalogue.row(track);
      if (track == 123) {
        row[catalogue.featureIndex("tempo")] = Float.NaN;
      }
      gapped.add(catalogue.tracks().idOf(track), row, catalogue.genres(track), catalogue.moods(track));
    }
    withGaps = ContentSimilarity.of(gapped.build(), FeatureWeights.defaults(), ContentSimilarity.DEFAULT_TAG_WEIGHT);
  }

  @Benchmark
  public Object weightedCosineWithTags() {
    return weighted.similar(queryTrack, 10);
  }

  @Benchmark
  public Object learnedMetric() {
    return learned.similar(queryTrack, 10);
  }

  @Benchmark
  public Object queryMissingAFeature() {
    return withGaps.similar(queryTrack, 10);
  }
}
