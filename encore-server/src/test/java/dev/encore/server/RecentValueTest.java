package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentValueTest {
  @Test
  void computesOncePerMaxAge() {
    AtomicLong now = new AtomicLong(1_000);
    AtomicInteger computations = new AtomicInteger();
    RecentValue<Integer> value = new RecentValue<>(computations::incrementAndGet, Duration.ofNanos(100), now::get);

    assertThat(value.get()).isEqualTo(1);
    now.addAndGet(99);
    assertThat(value.get()).as("still fresh").isEqualTo(1);
    now.addAndGet(1);
    assertThat(value.get()).as("as old as the limit").isEqualTo(2);
    assertThat(computations).hasValue(2);
  }

  @Test
  void callersArrivingDuringAComputationShareIt() throws InterruptedException {
    AtomicInteger computations = new AtomicInteger();
    CountDownLatch computing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecentValue<Integer> value = new RecentValue<>(() -> {
      computing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return computations.incrementAndGet();
    }, Duration.ofHours(1));
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread reader = new Thread(() -> seen.add(value.get()));
      readers.add(reader);
      reader.start();
      if (i == 0) {
        computing.await();
      }
    }
    release.countDown();
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(computations).hasValue(1);
    assertThat(seen).hasSize(8).containsOnly(1);
  }
}
