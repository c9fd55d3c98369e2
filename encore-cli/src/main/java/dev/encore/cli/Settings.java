package dev.encore.cli;

import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import java.util.LinkedHashMap;
import java.util.Map;

/** ALS settings under the names of their command-line options, for JSON and for printing. */
final class Settings {
  private Settings() {}

  static Map<String, Object> describe(AlsConfig config) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("factors", config.factors());
    settings.put("regularization", config.regularization());
    settings.put("scaleRegularization", config.scaleRegularization());
    settings.put("confidence", config.confidence().function().toString());
    settings.put("alpha", config.confidence().alpha());
    settings.put("epsilon", config.confidence().epsilon());
    settings.put("cap", config.confidence().cap());
    settings.put("iterations", config.iterations());
    settings.put("solver", config.solver().toString());
    settings.put("cgSteps", config.cgSteps());
    settings.put("seed", config.seed());
    settings.put("threads", config.threads());
    settings.put("alpha0", config.unobservedWeight());
    settings.put("nu", config.regularizationExponent());
    settings.put("initSigma", config.initSigma());
    settings.put("blockSize", config.blockSize());
    return settings;
  }

  /** The {@code encore train} options that reproduce {@code config}. */
  static String asOptions(AlsConfig config) {
    StringBuilder options = new StringBuilder()
        .append("--factors ").append(config.factors())
        .append(" --regularization ").append(config.regularization())
        .append(" --confidence ").append(config.confidence().function())
        .append(" --alpha ").append(config.confidence().alpha());
    if (config.confidence().function() == Confidence.Function.LOG) {
      options.append(" --epsilon ").append(config.confidence().epsilon());
    } else if (config.confidence().function() == Confidence.Function.CAPPED) {
      options.append(" --cap ").append(config.confidence().cap());
    }
    options
        .append(" --iterations ").append(config.iterations())
        .append(" --solver ").append(config.solver());
    if (config.solver() == Solver.CG) {
      options.append(" --cg-steps ").append(config.cgSteps());
    } else if (config.solver() == Solver.SUBSPACE) {
      options.append(" --block-size ").append(config.blockSize());
    }
    if (config.scaleRegularization()) {
      options.append(" --scale-regularization");
    }
    if (config.unobservedWeight() != AlsConfig.DEFAULT_UNOBSERVED_WEIGHT) {
      options.append(" --alpha0 ").append(config.unobservedWeight());
    }
    if (config.regularizationExponent() != AlsConfig.DEFAULT_REGULARIZATION_EXPONENT) {
      options.append(" --nu ").append(config.regularizationExponent());
    }
    if (config.initSigma() != AlsConfig.DEFAULT_INIT_SIGMA) {
      options.append(" --init-sigma ").append(config.initSigma());
    }
    return options.toString();
  }
}
