package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.model.Recommendation;
import dev.encore.model.RecommendQuery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Coalesces concurrent ALS recommendation requests into batches. Scoring one listener against
 * 50,000 tracks streams the whole item factor matrix (12.8 MB at 64 factors) through the cache
 * for 3 million multiply-adds, so one request at a time is bound by memory bandwidth;
 * {@link FactorModel#recommendBatch} reads each tile of item factors once for a whole batch.
 * There is no batching window: a request joins the queue and, if a scoring slot is free, its
 * own thread takes everything queued and answers it as one batch; otherwise it waits for a
 * slot's thread to answer it. Under light load a batch is one request and nothing waits; under
 * heavy load requests that arrive while a batch is scored form the next one.
 */
final class RecommendationBatcher {
  /** The most queries one pass takes: the block of queries BatchTopK scores per tile. */
  static final int MAX_BATCH = 64;
  /** How long a waiting request sleeps before checking whether it should score the queue itself. */
  private static final long RECHECK_MICROS = 200;

  private final Semaphore slots;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

  /** @param slots batches scored at once; one per core keeps every core busy without oversubscribing */
  RecommendationBatcher(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    }
    this.slots = new Semaphore(slots);
  }

  List<Recommendation> recommend(FactorModel model, RecommendQuery query) {
    Pending mine = new Pending(model, query);
    queue.add(mine);
    while (!mine.answer.isDone()) {
      if (!queue.isEmpty() && slots.tryAcquire()) {
        try {
          scoreQueued();
        } finally {
          slots.release();
        }
      } else {
        awaitBriefly(mine.answer);
      }
    }
    return mine.answer.join();
  }

  private void scoreQueued() {
    Map<FactorModel, List<Pending>> byModel = new IdentityHashMap<>();
    for (int taken = 0; taken < MAX_BATCH; taken++) {
      Pending next = queue.poll();
      if (next == null) {
        break;
      }
      byModel.computeIfAbsent(next.model, model -> new ArrayList<>()).add(next);
    }
    // Requests straddling a model swap are answered by the model each one was asked of.
    byModel.forEach(RecommendationBatcher::score);
  }

  private static void score(FactorModel model, List<Pending> batch) {
    try {
      List<List<Recommendation>> answers = model.recommendBatch(batch.stream().map(Pending::query).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer.complete(answers.get(i));
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(pending -> pending.answer.completeExceptionally(e));
    }
  }

  private static void awaitBriefly(CompletableFuture<?> answer) {
    try {
      answer.get(RECHECK_MICROS, TimeUnit.MICROSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Timed out: look at the queue again. Failed: join() rethrows it to the caller.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for recommendations", e);
    }
  }

  private record Pending(FactorModel model, RecommendQuery query, CompletableFuture<List<Recommendation>> answer) {
    Pending(FactorModel model, RecommendQuery query) {
      this(model, query, new CompletableFuture<>());
    }
  }
}
