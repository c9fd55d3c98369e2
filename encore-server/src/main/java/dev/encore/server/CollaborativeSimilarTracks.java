package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import java.util.ArrayList;
import java.util.List;

/** Tracks whose ALS item factors point the same way (cosine): "listeners of this also play". */
final class CollaborativeSimilarTracks implements SimilarTracksStrategy {
  static final String NAME = "cf";
  private static final BatchScorer<SimilarQuestion> SCORER =
      new BatchScorer<>("similar", BatchScorer.DEFAULT_SCORERS, CollaborativeSimilarTracks::answerBatch);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Recommendation> similar(ServingView view, String trackId, int n) {
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    if (!model.items().contains(trackId)) {
      throw ModelGuards.notInModel("track", trackId, view.snapshot());
    }
    return SCORER.answer(model, new SimilarQuestion(trackId, n));
  }

  /** As {@link #similar}, scoring every track even where the model serves through an index. */
  static List<Recommendation> exact(ServingView view, String trackId, int n) {
    FactorModel model = ModelGuards.requireModel(view.snapshot());
    if (!model.items().contains(trackId)) {
      throw ModelGuards.notInModel("track", trackId, view.snapshot());
    }
    return model.similarItems(trackId, n, true);
  }

  /** The batch asks for the most any question wants; each answer keeps its own count. */
  private static List<List<Recommendation>> answerBatch(FactorModel model, List<SimilarQuestion> questions) {
    int most = questions.stream().mapToInt(SimilarQuestion::n).max().orElse(1);
    List<List<Recommendation>> answers = model.similarItemsBatch(
        questions.stream().map(SimilarQuestion::trackId).toList(), most);
    List<List<Recommendation>> trimmed = new ArrayList<>(answers.size());
    for (int q = 0; q < answers.size(); q++) {
      List<Recommendation> answer = answers.get(q);
      trimmed.add(answer.subList(0, Math.min(answer.size(), questions.get(q).n())));
    }
    return trimmed;
  }

  private record SimilarQuestion(String trackId, int n) {}
}
