package dev.encore.hybrid;

import dev.encore.als.AlsConfig;
import dev.encore.als.TrainingListener;
import dev.encore.content.FeatureTable;
import dev.encore.eval.MetricReport;
import dev.encore.eval.RankingEvaluator;
import dev.encore.eval.Split;
import dev.encore.eval.Splitter;
import dev.encore.model.Recommender;
import dev.encore.tune.Tuner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hybrid against each of its parts on held-out plays, with the blend chosen honestly: the
 * candidate blends are tried on a validation split carved out of the training half (sources
 * trained on its train side) and chosen by {@link BlendSearch}'s rule, so the test half is seen
 * once, by the final comparison only.
 */
public final class HybridComparison {
  private HybridComparison() {}

  /**
   * @param tuning the validation search, null when a single blend was given and nothing was tuned
   * @param reports als, content, popularity and hybrid on the test half, in that order
   */
  public record Result(Blend blend, BlendSearch.Result tuning, Map<String, MetricReport> reports) {}

  /**
   * Chooses the blend among {@code candidates} (and ALS alone) by {@code metric} and the coverage
   * rule of {@link BlendSearch} on {@code validation.split(split.train())} (skipped for a single
   * candidate), then trains the sources on {@code split.train()} and scores the four recommenders
   * on {@code split.test()}.
   */
  public static Result run(Split split, FeatureTable scaledFeatures, AlsConfig config, List<Blend> candidates,
      Splitter validation, String metric, int k, TrainingListener listener) {
    BlendSearch.Result tuning = null;
    Blend blend = candidates.get(0);
    if (candidates.size() > 1) {
      Split inner = validation.split(split.train());
      HybridSources innerSources = HybridSources.fit(inner.train(), scaledFeatures, config, TrainingListener.NONE);
      tuning = BlendSearch.choose(innerSources, inner, candidates, new Tuner(metric, k, config.threads()), trial -> {});
      blend = tuning.chosen();
    }
    HybridSources sources = HybridSources.fit(split.train(), scaledFeatures, config, listener);
    Map<String, MetricReport> reports = new LinkedHashMap<>();
    reports.put("als", evaluate(sources.als(), split, k, config.threads()));
    reports.put("content", evaluate(sources.content(), split, k, config.threads()));
    reports.put("popularity", evaluate(sources.popularity(), split, k, config.threads()));
    reports.put("hybrid", evaluate(sources.blend(blend), split, k, config.threads()));
    return new Result(blend, tuning, reports);
  }

  private static MetricReport evaluate(Recommender recommender, Split split, int k, int threads) {
    return RankingEvaluator.evaluate(recommender, split.train(), split.test(), k, threads);
  }
}
