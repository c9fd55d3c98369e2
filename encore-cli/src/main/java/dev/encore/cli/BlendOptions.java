package dev.encore.cli;

import dev.encore.hybrid.Blend;
import dev.encore.hybrid.NewTracks;
import dev.encore.hybrid.ScoreNormalization;
import picocli.CommandLine.Option;

/** The hybrid's blend ({@code --weights}, {@code --normalization}) and the new-track regression's ridge. */
final class BlendOptions {
  @Option(names = "--weights", paramLabel = "ALS,CONTENT,POPULARITY",
      description = "Hybrid weights of the ALS, content and popularity scores (default: 1,0.5,0, tuned on synthetic data).")
  String weights;

  @Option(names = "--normalization", paramLabel = "KIND",
      description = "How each source's scores are scaled before blending: z-score or rank (default: z-score).")
  String normalization;

  @Option(names = "--ridge", paramLabel = "LAMBDA",
      description = "Ridge penalty of the regression that gives new tracks ALS factors from their features (default: ${DEFAULT-VALUE}).")
  double ridge = NewTracks.DEFAULT_RIDGE;

  Blend toBlend() {
    ScoreNormalization kind = normalization == null ? Blend.DEFAULT.normalization()
        : ScoreNormalization.parse(normalization);
    if (weights == null) {
      return new Blend(Blend.DEFAULT.als(), Blend.DEFAULT.content(), Blend.DEFAULT.popularity(), kind);
    }
    return Blend.parse(weights, kind);
  }

  /** Whether the user gave blend settings, which only a hybrid uses. */
  boolean isBlendSet() {
    return weights != null || normalization != null;
  }
}
