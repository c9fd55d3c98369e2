package dev.encore.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything one child JVM measured, as it reports it to the driver. Times are wall-clock;
 * latencies in microseconds; NaN where a figure does not apply to the system (Spark has no
 * single-user query) and -1 for memory figures the operating system does not report.
 *
 * @param system which run this was
 * @param trainUsers users in the training split (the problem each system solved)
 * @param trainItems items in the training split
 * @param trainNnz entries in the training split
 * @param testNnz held-out entries
 * @param readSeconds reading the TSV and splitting it; not part of any other figure
 * @param iterationSeconds each iteration's time where the system reports it (Encore); empty for Spark
 * @param secondsPerIteration median seconds per iteration (Spark: derived, see perIterationMethod)
 * @param secondsPerIterationMin fastest iteration; NaN when only a derived figure exists
 * @param secondsPerIterationMax slowest iteration; NaN when only a derived figure exists
 * @param perIterationMethod how secondsPerIteration was obtained
 * @param fitSeconds the timed fit, from the call until the factors exist
 * @param warmupFitSeconds a one-iteration fit run first, untimed in fitSeconds
 * @param peakRssBytes VmHWM at the end of the child: the whole run's peak resident memory
 * @param dataRssBytes VmRSS after reading and splitting the data, before training: the base every child shares
 * @param peakHeapBytes sum of the heap pools' peak use
 * @param recommendAllUsers users in the recommend-all run
 * @param recommendAllUsersPerSecond users per second, top 10 each
 * @param recommendAllFiltersPlayed whether recommend-all skipped items the user trained on
 * @param recommendP50Micros one-user top-10 latency, median
 * @param recommendP99Micros one-user top-10 latency, 99th percentile
 * @param similarP50Micros similar-items top-10 latency, median
 * @param similarP99Micros similar-items top-10 latency, 99th percentile
 * @param similarAllItemsPerSecond the 10 most similar items of every item (itself excluded), items per second
 * @param modelLoadSeconds loading the saved model until it can answer
 * @param modelBytes size of the saved model on disk
 * @param precisionAt10 implicit's pooled precision@10 on the held-out split (hits over the sum of
 *     min(10, |test items|)), by Encore's evaluator, or by implicit's own for implicit: one definition
 * @param ndcgAt10 ndcg@10 on the same split, implicit's definition likewise
 * @param recallAt10 Encore's recall@10: the mean over users of hits / |test items|
 * @param evaluatedUsers users with a held-out entry that the quality figures cover
 * @param evaluationSeconds the time the quality figures took: scoring every evaluated user's top 10
 *     (played items filtered) and the metrics, by the system's own evaluator; NaN where not timed
 * @param blas the BLAS implementation the system used, or "none"
 * @param notes what a reader needs to compare the figures fairly
 */
public record ChildFigures(
    BenchedSystem system,
    long trainUsers,
    long trainItems,
    long trainNnz,
    long testNnz,
    double readSeconds,
    List<Double> iterationSeconds,
    double secondsPerIteration,
    double secondsPerIterationMin,
    double secondsPerIterationMax,
    String perIterationMethod,
    double fitSeconds,
    double warmupFitSeconds,
    long peakRssBytes,
    long dataRssBytes,
    long peakHeapBytes,
    long recommendAllUsers,
    double recommendAllUsersPerSecond,
    boolean recommendAllFiltersPlayed,
    double recommendP50Micros,
    double recommendP99Micros,
    double similarP50Micros,
    double similarP99Micros,
    double similarAllItemsPerSecond,
    double modelLoadSeconds,
    long modelBytes,
    @JsonProperty("precision@10") double precisionAt10,
    @JsonProperty("ndcg@10") double ndcgAt10,
    @JsonProperty("recall@10") double recallAt10,
    long evaluatedUsers,
    double evaluationSeconds,
    String blas,
    List<String> notes) {

  public ChildFigures {
    iterationSeconds = List.copyOf(iterationSeconds);
    notes = List.copyOf(notes);
  }

  /** The shape of the problem this system was trained on. */
  public ProblemShape shape() {
    return new ProblemShape(trainUsers, trainItems, trainNnz);
  }
}
