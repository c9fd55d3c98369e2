package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;

/**
 * Coalesces concurrent questions to a factor model (recommendations, similar tracks) into
 * batches. Scoring one listener against 50,000 tracks streams the whole item factor matrix
 * (12.8 MB at 64 factors) through the cache for 3 million multiply-adds, so one request at a
 * time is bound by memory bandwidth; {@link FactorModel#recommendBatch} and
 * {@link FactorModel#similarItemsBatch} read each tile of item factors once for a whole batch
 * (measured on 50,000 tracks: 468 us per query alone, 157 us in batches of 8).
 *
 * <p>Request threads queue their question and wait; a few scorer threads each
 * take everything queued, up to {@link #MAX_BATCH}, and answer it as one batch. There is no
 * batching window: under light load a batch is one request and nothing waits for company;
 * under heavy load the requests that arrive while a batch is scored form the next one. The
 * scorer threads are daemons shared by every server in the JVM: a question names its model.
 */
final class BatchScorer<Q> {
  /** The most queries one pass takes: the block of queries BatchTopK scores per tile. */
  static final int MAX_BATCH = 64;
  /**
   * Half the cores score batches; the other half parse requests and write answers, so that
   * requests keep arriving while a batch is scored (measured on 2 cores: 5,700 recommendation
   * requests/s with one scorer thread, 4,900 with two).
   */
  static final int DEFAULT_SCORERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  private final LinkedBlockingQueue<Pending<Q>> queue = new LinkedBlockingQueue<>();
  private final BiFunction<FactorModel, List<Q>, List<List<Recommendation>>> answerBatch;

  /**
   * @param name names the scorer threads
   * @param scorerThreads batches scored at once
   * @param answerBatch answers a batch of questions to one model, in order
   */
  BatchScorer(String name, int scorerThreads, BiFunction<FactorModel, List<Q>, List<List<Recommendation>>> answerBatch) {
    this.answerBatch = answerBatch;
    if (scorerThreads < 1) {
      throw new IllegalArgumentException("scorer threads must be >= 1, got " + scorerThreads);
    }
    for (int i = 0; i < scorerThreads; i++) {
      Thread scorer = new Thread(this::scoreUntilClosed, "encore-" + name + "-scorer-" + i);
      scorer.setDaemon(true);
      scorer.start();
    }
  }

  /**
   * The answer of {@code model} to {@code query}, scored in a batch with whatever else is queued.
   * Check a question before asking: a malformed one fails the whole batch it joins.
   */
  List<Recommendation> answer(FactorModel model, Q query) {
    Pending<Q> pending = new Pending<>(model, query, new CompletableFuture<>());
    queue.add(pending);
    try {
      return pending.answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private void scoreUntilClosed() {
    List<Pending<Q>> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        Map<FactorModel, List<Pending<Q>>> byModel = new IdentityHashMap<>();
        for (Pending<Q> pending : batch) {
          byModel.computeIfAbsent(pending.model, model -> new ArrayList<>()).add(pending);
        }
        // Requests straddling a model swap are answered by the model each one was asked of.
        byModel.forEach(this::score);
        batch.clear();
      }
    } catch (InterruptedException e) {
      batch.forEach(pending -> pending.answer.completeExceptionally(
          new IllegalStateException("the scorer was interrupted", e)));
      Thread.currentThread().interrupt();
    }
  }

  private void score(FactorModel model, List<Pending<Q>> batch) {
    try {
      List<List<Recommendation>> answers = answerBatch.apply(model, batch.stream().map(Pending::query).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer.complete(answers.get(i));
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(pending -> pending.answer.completeExceptionally(e));
    }
  }

  private record Pending<Q>(FactorModel model, Q query, CompletableFuture<List<Recommendation>> answer) {}
}
