package dev.encore.hybrid;

import dev.encore.eval.Split;
import dev.encore.tune.Tuner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses the hybrid's blend on a validation split: the best metric among the blends whose
 * recommendations cover at least as much of the catalogue as ALS alone does on the same split.
 * Without that rule a blend leaning on popularity can win the metric by a hair while a handful of
 * hits fills nearly every listener's list; ALS alone is always among the candidates, so the
 * choice never covers less than ALS.
 */
public final class BlendSearch {
  private BlendSearch() {}

  /**
   * @param trials every candidate's validation metrics; {@code trials.best()} is {@link #chosen}'s trial
   * @param coverageKey the coverage metric the rule compares, {@code coverage@k}
   * @param coverageFloor ALS alone's coverage on the validation split
   */
  public record Result(Tuner.Result<Blend> trials, String coverageKey, double coverageFloor) {
    public Blend chosen() {
      return trials.best().config();
    }

    /** Whether a trial met the coverage rule. */
    public boolean eligible(Tuner.Trial<Blend> trial) {
      return trial.metrics().get(coverageKey) >= coverageFloor;
    }

    /** What was chosen, by which rule, and every candidate's metric and coverage, for reports. */
    public Map<String, Object> describe() {
      List<Map<String, Object>> candidates = new ArrayList<>();
      for (Tuner.Trial<Blend> trial : trials.trials()) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("blend", toMap(trial.config()));
        candidate.put(trials.metric(), trial.objective());
        candidate.put(coverageKey, trial.metrics().get(coverageKey));
        candidate.put("eligible", eligible(trial));
        candidates.add(candidate);
      }
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("chosen", toMap(chosen()));
      described.put("rule", "best " + trials.metric() + " on the validation split among the blends whose " + coverageKey
          + " is at least ALS alone's");
      described.put("metric", trials.metric());
      described.put("coverageFloor", coverageFloor);
      described.put("candidates", candidates);
      return described;
    }
  }

  /** A blend as its weights and normalisation under stable names. */
  public static Map<String, Object> toMap(Blend blend) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("als", blend.als());
    map.put("content", blend.content());
    map.put("popularity", blend.popularity());
    map.put("normalization", blend.normalization().toString());
    return map;
  }

  /** {@code candidates} with ALS alone first unless one of them already is ALS alone. */
  public static List<Blend> withAlsAlone(List<Blend> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no blend to choose from: the candidates are empty");
    }
    if (candidates.stream().anyMatch(BlendSearch::isAlsAlone)) {
      return List.copyOf(candidates);
    }
    List<Blend> with = new ArrayList<>(candidates.size() + 1);
    with.add(new Blend(1, 0, 0, candidates.get(0).normalization()));
    with.addAll(candidates);
    return List.copyOf(with);
  }

  /** Whether the blend ranks as ALS does: only ALS weighs (normalisation does not change its order). */
  public static boolean isAlsAlone(Blend blend) {
    return blend.als() > 0 && blend.content() == 0 && blend.popularity() == 0;
  }

  /**
   * Scores {@link #withAlsAlone}{@code (candidates)} from {@code sources} (trained on
   * {@code validation.train()}) on {@code validation.test()} and applies the rule.
   */
  public static Result choose(HybridSources sources, Split validation, List<Blend> candidates, Tuner tuner,
      Consumer<Tuner.Trial<Blend>> onTrial) {
    return pick(tuner.search(withAlsAlone(candidates), sources::blend, validation, onTrial));
  }

  /** The rule applied to trials already run; one of them must be ALS alone. */
  public static Result pick(Tuner.Result<Blend> trials) {
    Tuner.Trial<Blend> alsAlone = trials.trials().stream().filter(trial -> isAlsAlone(trial.config())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the blend trials have no ALS-alone blend to set the"
            + " coverage floor: add one (withAlsAlone)"));
    String coverageKey = alsAlone.metrics().keySet().stream().filter(name -> name.startsWith("coverage@")).findFirst()
        .orElseThrow();
    double floor = alsAlone.metrics().get(coverageKey);
    Comparator<Tuner.Trial<Blend>> better = Comparator.comparingDouble(Tuner.Trial::objective);
    if (Tuner.lowerIsBetter(trials.metric())) {
      better = better.reversed();
    }
    // A tie keeps ALS alone, or else the earlier trial.
    Tuner.Trial<Blend> best = alsAlone;
    for (Tuner.Trial<Blend> trial : trials.trials()) {
      if (trial.metrics().get(coverageKey) >= floor && better.compare(trial, best) > 0) {
        best = trial;
      }
    }
    return new Result(new Tuner.Result<>(trials.metric(), trials.trials(), best), coverageKey, floor);
  }
}
