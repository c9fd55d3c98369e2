package dev.encore.index;

/**
 * What an {@link ItemIndex} was built with and measured to give: how many of its lists each
 * question probes, and the recall@10 of its answers against exact top-10 on queries that were
 * not used to choose the probe counts (listeners' factors for recommendations, tracks for
 * similar tracks, the track itself left out).
 *
 * @param scoreRecall mean over the sampled listeners of |index top 10 ∩ exact top 10| / 10
 * @param cosineRecall the same for similar tracks
 * @param sampleQueries queries each recall was measured on
 * @param memoryBytes what the index holds beyond the model
 * @param factorBytes the item factors' own size, for the ratio
 */
public record IndexQuality(int lists, int scoreProbes, int cosineProbes, double scoreRecall, double cosineRecall,
    int sampleQueries, double buildSeconds, long memoryBytes, long factorBytes) {

  /** Index memory over the item factors' size. */
  public double memoryRatio() {
    return factorBytes == 0 ? 0 : (double) memoryBytes / factorBytes;
  }

  /** The lower of the two recalls: what a promise about the index's answers can rest on. */
  public double recall() {
    return Math.min(scoreRecall, cosineRecall);
  }
}
