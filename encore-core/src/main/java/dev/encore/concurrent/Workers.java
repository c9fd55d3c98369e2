package dev.encore.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs numbered tasks on a fixed number of threads. Tasks are handed out dynamically, so the
 * results are deterministic only when each task writes its own part of the output: every caller
 * in Encore partitions its work that way, and combines per-task partial sums in task order.
 */
public final class Workers {
  private Workers() {}

  /** The default thread count: every core the JVM may use. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Runs {@code task.accept(t)} for t in 0..taskCount-1 on up to {@code threads} threads. */
  public static void run(int threads, int taskCount, IntConsumer task) {
    run(threads, taskCount, () -> null, (unused, t) -> task.accept(t));
  }

  /**
   * As {@link #run(int, int, IntConsumer)}, handing each task the scratch space of the thread
   * that runs it: {@code scratch} is called once a thread. Buffers a task needs only while it runs
   * are then allocated once a thread instead of once a task: an index build whose tasks each
   * allocated a megabyte wrote gigabytes of garbage, at 10^7 tracks twice the build's time.
   */
  public static <S> void run(int threads, int taskCount, Supplier<S> scratch, ObjIntConsumer<S> task) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be >= 1");
    }
    int workers = Math.min(threads, taskCount);
    if (workers <= 1) {
      S own = taskCount > 0 ? scratch.get() : null;
      for (int t = 0; t < taskCount; t++) {
        task.accept(own, t);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(workers, daemonThreads());
    try {
      List<Future<?>> futures = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        futures.add(executor.submit(() -> {
          S own = scratch.get();
          for (int t = next.getAndIncrement(); t < taskCount; t = next.getAndIncrement()) {
            task.accept(own, t);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for workers", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Splits rows 0..rows-1 into at most {@code parts} contiguous ranges of about equal work, where
   * row r costs {@code fixedCost + (indptr[r+1] - indptr[r])}: partitioning by count alone would
   * leave one thread with all the heavy listeners. Returns the range bounds (length parts+1).
   */
  public static int[] partitionByWork(int[] indptr, int rows, int parts, long fixedCost) {
    parts = Math.max(1, Math.min(parts, Math.max(rows, 1)));
    long total = (long) indptr[rows] - indptr[0] + fixedCost * rows;
    int[] bounds = new int[parts + 1];
    int row = 0;
    for (int p = 1; p < parts; p++) {
      long target = total * p / parts;
      while (row < rows && (long) indptr[row] - indptr[0] + fixedCost * row < target) {
        row++;
      }
      bounds[p] = row;
    }
    bounds[parts] = rows;
    return bounds;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "encore-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
