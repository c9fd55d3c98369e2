package dev.encore.eval;

import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.model.FactorModel;
import dev.encore.model.Recommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Scores a recommender against held-out interactions: for every user with a test item, the top k
 * of the items they did not train on, and the percentile rank of each test item; see
 * {@link MetricReport} for the definitions. Each user is scored once with
 * {@link Recommender#scoreAll}; a {@link FactorModel} is scored in blocks of users instead
 * ({@link FactorModelEvaluation}), to the same numbers.
 *
 * <p>Users are dealt to threads round-robin (user u to thread {@code u mod threads}) and each
 * thread's sums are merged in thread order, so a given thread count always gives the same numbers.
 */
public final class RankingEvaluator {
  /** How many users a thread scores between progress reports. */
  private static final int PROGRESS_EVERY = 256;

  private RankingEvaluator() {}

  /** As {@link #evaluate(Recommender, Interactions, Interactions, int, int, LongConsumer)}, silently. */
  public static MetricReport evaluate(Recommender model, Interactions train, Interactions test,
      int k, int threads) {
    return evaluate(model, train, test, k, threads, done -> {});
  }

  /**
   * Evaluates {@code model} at cut-off {@code k} with {@code threads} threads.
   *
   * @param train what the model was trained on; these items are never recommended or ranked
   * @param test the held-out entries, over the same users and items as {@code train}
   * @param progress told the number of users processed so far (of {@code train.users().size()});
   *     called from worker threads, possibly at the same time, so it must be thread-safe
   * @throws IllegalArgumentException if k or threads is below 1, the three disagree on users or
   *     items, or no user has a test item
   */
  public static MetricReport evaluate(Recommender model, Interactions train, Interactions test,
      int k, int threads, LongConsumer progress) {
    Objects.requireNonNull(progress, "progress");
    requireConsistent(model, train, test, k, threads);
    int userCount = train.users().size();
    int workers = Math.max(1, Math.min(threads, userCount));
    int[] itemListeners = itemListeners(train.itemUsers());
    if (model instanceof FactorModel factors) {
      MetricReport batched = FactorModelEvaluation.evaluate(factors, train.userItems(), test.userItems(),
          itemListeners, k, workers, threads, progress);
      if (batched != null) {
        return batched;
      }
    }
    AtomicLong done = new AtomicLong();
    List<UserShare> shares = new ArrayList<>(workers);
    for (int first = 0; first < workers; first++) {
      shares.add(new UserShare(model, train.userItems(), itemListeners, test.userItems(), k, first,
          workers, done, progress));
    }
    List<MetricSums> partials = workers == 1 ? List.of(shares.get(0).call()) : runInParallel(shares);
    MetricSums total = partials.get(0);
    for (int i = 1; i < partials.size(); i++) {
      total.merge(partials.get(i));
    }
    return total.report();
  }

  /**
   * The metrics of the top-k lists only, the set implicit's {@code ranking_metrics_at_k} computes
   * and more (precision, map, ndcg, auc, recall, hit rate, coverage, gini, novelty; the same
   * numbers as {@link #evaluate}), with the expected percentile rank left NaN: for a
   * {@link FactorModel} the lists then come from its norm-ordered scan, which computes a few
   * percent of the scores, where ranking every test item needs them all. Other recommenders are
   * evaluated in full, percentile rank included. For choosing settings by precision, where the
   * evaluation runs once per candidate.
   */
  public static MetricReport evaluateTopK(Recommender model, Interactions train, Interactions test, int k,
      int threads) {
    requireConsistent(model, train, test, k, threads);
    if (!(model instanceof FactorModel factors)) {
      return evaluate(model, train, test, k, threads);
    }
    int workers = Math.max(1, Math.min(threads, train.users().size()));
    MetricReport lists = FactorModelEvaluation.evaluateTopLists(factors, train.userItems(), test.userItems(),
        itemListeners(train.itemUsers()), k, workers, threads);
    return lists != null ? lists : evaluate(model, train, test, k, threads);
  }

  private static void requireConsistent(Recommender model, Interactions train, Interactions test, int k,
      int threads) {
    Objects.requireNonNull(model, "model");
    Arguments.requireAtLeastOne("k", k);
    Arguments.requireAtLeastOne("threads", threads);
    Arguments.requireSameIds("test", test.users(), "train", train.users());
    Arguments.requireSameIds("test", test.items(), "train", train.items());
    Arguments.requireSameIds("model", model.users(), "train", train.users());
    Arguments.requireSameIds("model", model.items(), "train", train.items());
  }

  /** How many training users played each item, for novelty. */
  private static int[] itemListeners(Csr itemUsers) {
    int[] listeners = new int[itemUsers.rows()];
    for (int i = 0; i < listeners.length; i++) {
      listeners[i] = itemUsers.rowLength(i);
    }
    return listeners;
  }

  private static List<MetricSums> runInParallel(List<UserShare> shares) {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(shares.size(), task -> {
      Thread thread = new Thread(task, "encore-eval-" + threadNumber.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<MetricSums>> futures = new ArrayList<>(shares.size());
      for (UserShare share : shares) {
        futures.add(pool.submit(share::call));
      }
      List<MetricSums> partials = new ArrayList<>(shares.size());
      for (Future<MetricSums> future : futures) {
        partials.add(future.get());
      }
      return partials;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("evaluation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One thread's users ({@code first}, {@code first + stride}, ...) with its own scratch: one
   * score array, one top-k heap, one percentile ranker.
   */
  private static final class UserShare {
    private final Recommender model;
    private final Csr train;
    private final Csr test;
    private final int first;
    private final int stride;
    private final AtomicLong done;
    private final LongConsumer progress;
    private final float[] scores;
    private final UserRanker ranker;
    private final MetricSums sums;

    UserShare(Recommender model, Csr train, int[] itemListeners, Csr test, int k, int first, int stride,
        AtomicLong done, LongConsumer progress) {
      this.model = model;
      this.train = train;
      this.test = test;
      this.first = first;
      this.stride = stride;
      this.done = done;
      this.progress = progress;
      this.scores = new float[train.columns()];
      this.ranker = new UserRanker(k, train.columns());
      this.sums = new MetricSums(k, itemListeners, train.rows());
    }

    MetricSums call() {
      int sinceReport = 0;
      for (int user = first; user < train.rows(); user += stride) {
        if (test.rowLength(user) > 0) {
          evaluateUser(user);
        }
        if (++sinceReport == PROGRESS_EVERY) {
          progress.accept(done.addAndGet(sinceReport));
          sinceReport = 0;
        }
      }
      if (sinceReport > 0) {
        progress.accept(done.addAndGet(sinceReport));
      }
      return sums;
    }

    private void evaluateUser(int user) {
      model.scoreAll(user, scores);
      ranker.add(scores, train, user, test, user, sums);
    }
  }
}
