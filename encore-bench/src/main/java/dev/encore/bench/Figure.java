package dev.encore.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One row of the report: its JSON name, its label in the table, how to read it from a
 * {@link SystemReport}, how to print it, and whether lower or higher is better (which decides
 * the direction of the Encore-versus-peer ratio). The list here is the one place the report's
 * rows are defined, for the table and the ratios alike.
 */
record Figure(String name, String label, ToDoubleFunction<SystemReport> value, Unit unit, Better better) {

  /** Which way is better, and so how the Encore advantage ratio is formed. */
  enum Better {
    /** Advantage = peer / encore. */
    LOWER,
    /** Advantage = encore / peer. */
    HIGHER,
    /** Informational: no ratio. */
    NEITHER
  }

  /** How a value prints in the table. */
  enum Unit {
    SECONDS, BYTES, PER_SECOND, MICROS, PLAIN, PERCENT, GIGA, COUNT;

    String format(double value) {
      if (Double.isNaN(value)) {
        return "n/a";
      }
      return switch (this) {
        case SECONDS -> String.format(Locale.ROOT, "%.3f s", value);
        case BYTES -> value < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", value / (1 << 20));
        case PER_SECOND -> String.format(Locale.ROOT, "%,.0f /s", value);
        case MICROS -> String.format(Locale.ROOT, "%,.0f us", value);
        case PLAIN -> String.format(Locale.ROOT, "%.4f", value);
        case PERCENT -> String.format(Locale.ROOT, "%.2f %%", 100 * value);
        case GIGA -> String.format(Locale.ROOT, "%.2f G", value / 1e9);
        case COUNT -> String.format(Locale.ROOT, "%,.0f", value);
      };
    }
  }

  double of(SystemReport report) {
    return value.applyAsDouble(report);
  }

  /**
   * How many times better {@code encore} is than {@code peer} on this figure (above 1: Encore
   * better, e.g. how many times faster); NaN when the figure has no direction or either value is missing.
   */
  double advantage(SystemReport encore, SystemReport peer) {
    double mine = of(encore);
    double theirs = of(peer);
    if (better == Better.NEITHER || !(mine > 0) || !(theirs > 0)) {
      return Double.NaN;
    }
    return better == Better.LOWER ? theirs / mine : mine / theirs;
  }

  /** Every row of the report, in table order. */
  static final List<Figure> ALL = List.of(
      new Figure("secondsPerIteration", "seconds per iteration (median)",
          r -> r.figures().secondsPerIteration(), Unit.SECONDS, Better.LOWER),
      new Figure("secondsPerIterationMin", "  fastest iteration",
          r -> r.figures().secondsPerIterationMin(), Unit.SECONDS, Better.NEITHER),
      new Figure("secondsPerIterationMax", "  slowest iteration",
          r -> r.figures().secondsPerIterationMax(), Unit.SECONDS, Better.NEITHER),
      new Figure("fitSeconds", "fit, all iterations", r -> r.figures().fitSeconds(), Unit.SECONDS, Better.LOWER),
      new Figure("flopsPerIteration", "FLOP per iteration (formula)", SystemReport::flopsPerIteration, Unit.GIGA,
          Better.NEITHER),
      new Figure("achievedGflops", "achieved GFLOP/s", SystemReport::achievedGflops, Unit.PLAIN, Better.NEITHER),
      new Figure("fractionOfPeak", "  fraction of peak FLOP/s", SystemReport::fractionOfPeak, Unit.PERCENT,
          Better.NEITHER),
      new Figure("bytesPerIteration", "bytes per iteration (formula)", SystemReport::bytesPerIteration, Unit.GIGA,
          Better.NEITHER),
      new Figure("fractionOfBandwidth", "  fraction of triad bandwidth", SystemReport::fractionOfBandwidth,
          Unit.PERCENT, Better.NEITHER),
      new Figure("peakRssBytes", "peak RSS (VmHWM)", r -> r.figures().peakRssBytes(), Unit.BYTES, Better.LOWER),
      new Figure("dataRssBytes", "  RSS with data loaded, before fit", r -> r.figures().dataRssBytes(), Unit.BYTES,
          Better.NEITHER),
      new Figure("peakHeapBytes", "peak heap", r -> r.figures().peakHeapBytes(), Unit.BYTES, Better.LOWER),
      new Figure("recommendAllUsersPerSecond", "recommend-all, top 10", r -> r.figures().recommendAllUsersPerSecond(),
          Unit.PER_SECOND, Better.HIGHER),
      new Figure("recommendP50Micros", "recommend one user p50", r -> r.figures().recommendP50Micros(), Unit.MICROS,
          Better.LOWER),
      new Figure("recommendP99Micros", "recommend one user p99", r -> r.figures().recommendP99Micros(), Unit.MICROS,
          Better.LOWER),
      new Figure("similarP50Micros", "similar items p50", r -> r.figures().similarP50Micros(), Unit.MICROS,
          Better.LOWER),
      new Figure("similarP99Micros", "similar items p99", r -> r.figures().similarP99Micros(), Unit.MICROS,
          Better.LOWER),
      new Figure("similarAllItemsPerSecond", "similar-all, top 10 of every item",
          r -> r.figures().similarAllItemsPerSecond(), Unit.PER_SECOND, Better.HIGHER),
      new Figure("modelLoadSeconds", "model load", r -> r.figures().modelLoadSeconds(), Unit.SECONDS, Better.LOWER),
      new Figure("modelBytes", "model size on disk", r -> r.figures().modelBytes(), Unit.BYTES, Better.NEITHER),
      new Figure("precision@10", "precision@10 (held-out 20%)", r -> r.figures().precisionAt10(), Unit.PLAIN,
          Better.HIGHER),
      new Figure("ndcg@10", "ndcg@10 (held-out 20%)", r -> r.figures().ndcgAt10(), Unit.PLAIN, Better.HIGHER),
      new Figure("recall@10", "recall@10 (Encore's: mean hits/|test|)", r -> r.figures().recallAt10(), Unit.PLAIN,
          Better.HIGHER),
      new Figure("evaluatedUsers", "  users scored", r -> r.figures().evaluatedUsers(), Unit.COUNT, Better.NEITHER),
      new Figure("evaluationSeconds", "evaluation (top 10 of the users scored + metrics)",
          r -> r.figures().evaluationSeconds(), Unit.SECONDS, Better.LOWER),
      new Figure("readSeconds", "reading + split (not in fit)", r -> r.figures().readSeconds(), Unit.SECONDS,
          Better.NEITHER));
}
