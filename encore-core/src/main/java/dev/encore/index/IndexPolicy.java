package dev.encore.index;

import java.util.Locale;

/**
 * When a model answers through its {@link ItemIndex} rather than by scoring every track.
 *
 * @param minItems below this many tracks exact scoring is fast enough and is used (measured:
 *     one recommendation scores 200,000 tracks in about 2 ms on one core; see BENCHMARKS.md)
 * @param minRecall an index whose measured recall@10 is below this is not used: the model serves
 *     exactly and says so
 */
public record IndexPolicy(int minItems, double minRecall) {
  public static final IndexPolicy DEFAULT = new IndexPolicy(200_000, 0.95);

  public IndexPolicy {
    if (minItems < 0) {
      throw new IllegalArgumentException("minItems " + minItems + " must be >= 0");
    }
    if (!(minRecall >= 0 && minRecall <= 1)) {
      throw new IllegalArgumentException("minRecall " + minRecall + " must be in [0, 1]");
    }
  }

  /** Whether a model of {@code catalogue} tracks should build an index at all. */
  public boolean wantsIndex(int catalogue) {
    return catalogue >= minItems;
  }

  /** Null when {@code index} may answer for a catalogue of {@code catalogue} tracks, else why not. */
  public String whyExact(ItemIndex index, int catalogue) {
    if (catalogue < minItems) {
      return String.format(Locale.ROOT, "%,d tracks, below the %,d from which an index is used", catalogue, minItems);
    }
    if (index == null) {
      return "no index was built for this model";
    }
    double recall = index.quality().recall();
    if (recall < minRecall) {
      return String.format(Locale.ROOT, "the index's measured recall@10 %.4f is below the required %.4f", recall,
          minRecall);
    }
    return null;
  }
}
