package dev.encore.cli;

import dev.encore.hybrid.Blend;
import dev.encore.hybrid.NewTracks;
import dev.encore.hybrid.ScoreNormalization;
import picocli.CommandLine.Option;

/** The hybrid's blend ({@code --weights}, {@code --normalization}) and the new-track regression's ridge. */
final class BlendOptions {
  @Option(names = "--weights", paramLabel = "ALS,CONTENT,POPULARITY",
      description = "Hybrid weights of the ALS, content and popularity scores (default: recommend 0.5,1,0.5, tuned on the"
          + " synthetic small catalogue; similar 1,1,0).")
  String weights;

  @Option(names = "--normalization", paramLabel = "KIND",
      description = "How each source's scores are scaled before blending: z-score or rank (default: z-score).")
  String normalization;

  @Option(names = "--ridge", paramLabel = "LAMBDA",
      description = "Ridge penalty of the regression that gives new tracks ALS factors from their features (default: ${DEFAULT-VALUE}).")
  double ridge = NewTracks.DEFAULT_RIDGE;

  /** The blend given, with {@link Blend#DEFAULT}'s weights or normalisation for what was left out. */
  Blend toBlend() {
    return toBlend(Blend.DEFAULT);
  }

  /** The blend given, with {@code defaults}' weights or normalisation for what was left out. */
  Blend toBlend(Blend defaults) {
    ScoreNormalization kind = normalization == null ? defaults.normalization() : ScoreNormalization.parse(normalization);
    if (weights == null) {
      return new Blend(defaults.als(), defaults.content(), defaults.popularity(), kind);
    }
    return Blend.parse(weights, kind);
  }

  /** Whether the user gave blend settings, which only a hybrid uses. */
  boolean isBlendSet() {
    return weights != null || normalization != null;
  }
}
