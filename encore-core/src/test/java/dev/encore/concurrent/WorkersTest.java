package dev.encore.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
  @Test
  void runsEveryTaskOnce() {
    for (int threads : new int[] {1, 2, 3}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(100);
      Workers.run(threads, 100, runs::incrementAndGet);
      for (int t = 0; t < 100; t++) {
        assertThat(runs.get(t)).as("task %d on %d threads", t, threads).isEqualTo(1);
      }
    }
  }

  @Test
  void makesOneScratchAThreadAndHandsItToEachTaskThatThreadRuns() {
    for (int threads : new int[] {1, 2, 3}) {
      AtomicInteger made = new AtomicInteger();
      Set<Object> seen = ConcurrentHashMap.newKeySet();
      AtomicIntegerArray runs = new AtomicIntegerArray(50);
      Workers.run(threads, 50, () -> {
        made.incrementAndGet();
        return new Object() {
          final Thread owner = Thread.currentThread();

          @Override
          public String toString() {
            return owner.getName();
          }
        };
      }, (scratch, t) -> {
        // A scratch is only ever used by the thread that made it, so tasks need no locking.
        assertThat(scratch.toString()).isEqualTo(Thread.currentThread().getName());
        seen.add(scratch);
        runs.incrementAndGet(t);
      });
      // A thread that finds no task left has made its scratch for nothing; none makes two.
      assertThat(made.get()).as("scratches on %d threads", threads).isLessThanOrEqualTo(threads);
      assertThat(seen).hasSizeBetween(1, made.get());
      for (int t = 0; t < 50; t++) {
        assertThat(runs.get(t)).isEqualTo(1);
      }
    }
  }

  @Test
  void noTaskMakesNoScratch() {
    AtomicInteger made = new AtomicInteger();
    Workers.run(2, 0, () -> made.incrementAndGet(), (scratch, t) -> {});
    Workers.run(1, 0, () -> made.incrementAndGet(), (scratch, t) -> {});
    assertThat(made.get()).isZero();
  }

  @Test
  void aTaskFailureReachesTheCaller() {
    assertThatThrownBy(() -> Workers.run(2, 10, t -> {
      if (t == 7) {
        throw new IllegalArgumentException("task 7");
      }
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 7");
  }
}
