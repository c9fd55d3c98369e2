package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureScaler;
import dev.encore.content.FeatureTable;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.hybrid.Blend;
import dev.encore.hybrid.BlendSearch;
import dev.encore.hybrid.HybridSources;
import dev.encore.hybrid.ScoreNormalization;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommender;
import dev.encore.tune.Tuner;
import java.io.IOException;
import java.util.Map;

/**
 * The hybrid's part of a version's evaluation, when the catalogue has audio features: the blend
 * is chosen by {@link BlendSearch} (best ndcg@k among the blends covering at least ALS alone's
 * share of the catalogue) on a validation split cut from the evaluation's training part, with
 * sources trained there, so the test part stays unseen; content and the chosen hybrid are then
 * scored on the test part beside ALS. The version serves the blend written here
 * ({@link #servingBlend}).
 */
final class HybridEvaluation {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Offsets the evaluation's split seed so the validation split is not a copy of its cut. */
  private static final long VALIDATION_SEED_OFFSET = 1;

  private HybridEvaluation() {}

  /** Whether {@code catalogue} has a feature column the content recommender can use. */
  static boolean applies(FeatureTable catalogue) {
    return catalogue.featureCount() > 0 && catalogue.trackCount() > 0;
  }

  /**
   * Adds "content", "hybrid" and "blend" (the search: chosen blend, rule, every candidate) to
   * {@code metrics}.
   *
   * @param evaluationModel ALS trained on {@code split.train()} with {@code als}
   */
  static void addTo(Map<String, Object> metrics, FeatureTable catalogue, FactorModel evaluationModel,
      TrainingSettings settings, AlsConfig als, Split split) {
    FeatureTable scaled = catalogue.scaledBy(FeatureScaler.learn(catalogue));
    Split validation = new RandomSplitter(settings.testFraction(), settings.splitSeed() + VALIDATION_SEED_OFFSET)
        .split(split.train());
    HybridSources validationSources = HybridSources.fit(validation.train(), scaled, als, TrainingListener.NONE);
    int k = settings.k();
    BlendSearch.Result search = BlendSearch.choose(validationSources, validation, Blend.defaultGrid(),
        new Tuner("ndcg@" + k, k, als.threads()), trial -> {});
    HybridSources sources = HybridSources.of(evaluationModel, split.train(), scaled);
    metrics.put("content", evaluate(sources.content(), split, k, als.threads()));
    metrics.put("hybrid", evaluate(sources.blend(search.chosen()), split, k, als.threads()));
    metrics.put("blend", search.describe());
  }

  private static Map<String, Double> evaluate(Recommender recommender, Split split, int k, int threads) {
    return RankingEvaluator.evaluate(recommender, split.train(), split.test(), k, threads).byName();
  }

  /**
   * The blend a version's metrics chose ("blend" / "chosen"), or {@link Blend#DEFAULT} for versions
   * evaluated without features, installed ones, and those made before the blend was chosen.
   */
  static Blend servingBlend(String metricsJson) {
    if (metricsJson == null || metricsJson.isBlank()) {
      return Blend.DEFAULT;
    }
    try {
      JsonNode chosen = JSON.readTree(metricsJson).path("blend").path("chosen");
      if (!chosen.isObject()) {
        return Blend.DEFAULT;
      }
      return new Blend(chosen.path("als").asDouble(), chosen.path("content").asDouble(),
          chosen.path("popularity").asDouble(), ScoreNormalization.parse(chosen.path("normalization").asText()));
    } catch (IOException | IllegalArgumentException e) {
      return Blend.DEFAULT;
    }
  }
}
