package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.data.Interactions;
import dev.encore.hybrid.Blend;
import dev.encore.model.FactorModel;
import dev.encore.store.ModelRecord;
import dev.encore.store.PlayEvent;
import dev.encore.store.Promotion;
import dev.encore.testing.RandomInteractions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Background training: a promoted success swaps the model in, a held-back one and a failure keep
 * the old one, one run at a time.
 */
class TrainingJobsTest {
  private static final AlsConfig ALS = AlsConfig.defaults().withFactors(4).withIterations(2).withThreads(1);
  private static final TrainingPlan SETTINGS = TrainingPlan.exactly(ALS);
  private static final Interactions PLAYS = RandomInteractions.generate(30, 20, 0.2, 10, 3);
  private static final FactorModel FIRST = new AlsTrainer(ALS).fit(PLAYS);
  private static final FactorModel SECOND = new AlsTrainer(ALS.withSeed(7)).fit(PLAYS);

  private static ModelRecord ready(long version, boolean promoted) {
    String promotion = new Promotion(promoted, promoted ? "promoted: test" : "not promoted: test", "precision@10",
        null, null, null, null).toJson();
    return new ModelRecord(version, ModelRecord.READY, "{}", "{}", "model-" + version, Instant.now(), Instant.now(),
        null, promotion, null, null);
  }

  private static ModelRecord ready(long version) {
    return ready(version, true);
  }

  private static LiveModel liveModel() {
    return new LiveModel(ServingSnapshot.ofModel(1, FIRST, CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, Instant.now()),
        userId -> List.<PlayEvent>of(), () -> CatalogueFeatures.NO_TRACKS, Clock.systemUTC());
  }

  /** Serves what was promoted, as {@link ModelLifecycle} does without the table. */
  private static Promoter promoter(LiveModel live) {
    return (record, snapshot) -> {
      Promotion decision = Promotion.fromJson(record.promotionJson()).orElseThrow();
      if (decision.promoted()) {
        live.install(snapshot);
      }
      return decision;
    };
  }

  private static ModelTraining.TrainedModel trained(ModelRecord record, FactorModel model) {
    return new ModelTraining.TrainedModel(record, ServingSnapshot.ofModel(record.version(), model,
        CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, Instant.now()));
  }

  private static TrainingJob await(TrainingJobs jobs, TrainingJob job) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!job.isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return job;
  }

  @Test
  void aSuccessfulRunIsSwappedIn() throws InterruptedException {
    LiveModel live = liveModel();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> trained(ready(2), SECOND),
        promoter(live), Clock.systemUTC())) {
      TrainingJob job = await(jobs, jobs.submit(SETTINGS, "test"));
      assertThat(job.view().state()).isEqualTo("succeeded");
      assertThat(live.snapshot().model()).isSameAs(SECOND);
      assertThat(live.snapshot().modelVersion()).isEqualTo(2);
    }
  }

  @Test
  void aRunThatWasNotPromotedSucceedsWithTheReasonAndKeepsTheServingModel() throws InterruptedException {
    LiveModel live = liveModel();
    ServingSnapshot before = live.snapshot();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> trained(ready(2, false), SECOND),
        promoter(live), Clock.systemUTC())) {
      TrainingJob job = await(jobs, jobs.submit(SETTINGS, "test"));

      assertThat(job.view().state()).isEqualTo("succeeded");
      assertThat(job.view().modelVersion()).isEqualTo(2);
      assertThat(job.view().promotion().promoted()).isFalse();
      assertThat(job.view().promotion().reason()).isEqualTo("not promoted: test");
      assertThat(live.snapshot()).isSameAs(before);
    }
  }

  @Test
  void aFailedRunKeepsTheServingModel() throws InterruptedException {
    LiveModel live = liveModel();
    ServingSnapshot before = live.snapshot();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> {
      throw new IllegalStateException("disk full");
    }, promoter(live), Clock.systemUTC())) {
      TrainingJob job = await(jobs, jobs.submit(SETTINGS, "test"));
      assertThat(job.view().state()).isEqualTo("failed");
      assertThat(job.view().error()).isEqualTo("disk full");
      assertThat(live.snapshot()).isSameAs(before);
    }
  }

  @Test
  void aSecondRunWhileOneIsGoingIsAConflict() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    LiveModel live = liveModel();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> {
      release.await();
      return trained(ready(2), SECOND);
    }, promoter(live), Clock.systemUTC())) {
      TrainingJob first = jobs.submit(SETTINGS, "test");
      assertThatThrownBy(() -> jobs.submit(SETTINGS, "test"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
          .hasMessageContaining("/v1/models/jobs/" + first.id());
      assertThat(jobs.trySubmit(SETTINGS, "schedule")).isEmpty();
      release.countDown();
      assertThat(await(jobs, first).view().state()).isEqualTo("succeeded");
      assertThat(jobs.trySubmit(SETTINGS, "schedule")).isPresent();
    }
  }

  @Test
  void anInstallIsSwappedInAsAFinishedRunIs() {
    LiveModel live = liveModel();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> {
      throw new AssertionError("an install trains nothing");
    }, promoter(live), Clock.systemUTC())) {
      TrainingJob job = jobs.install(SETTINGS, () -> trained(ready(2), SECOND));

      assertThat(job.view().state()).isEqualTo("succeeded");
      assertThat(job.view().trigger()).isEqualTo(TrainingJob.INSTALL);
      assertThat(job.modelVersion()).isEqualTo(2);
      assertThat(live.snapshot().model()).isSameAs(SECOND);
      assertThat(jobs.active()).isEmpty();
    }
  }

  @Test
  void aFailedInstallKeepsTheServingModelAndFreesTheSlot() throws InterruptedException {
    LiveModel live = liveModel();
    ServingSnapshot before = live.snapshot();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> trained(ready(3), SECOND), promoter(live), Clock.systemUTC())) {
      assertThatThrownBy(() -> jobs.install(SETTINGS, () -> {
        throw new IllegalStateException("disk full");
      })).hasMessage("disk full");

      assertThat(live.snapshot()).isSameAs(before);
      TrainingJob failed = jobs.recent().get(0);
      assertThat(failed.view().state()).isEqualTo("failed");
      assertThat(failed.view().error()).isEqualTo("disk full");
      assertThat(await(jobs, jobs.submit(SETTINGS, "test")).view().state()).isEqualTo("succeeded");
    }
  }

  @Test
  void anInstallWhileARunIsGoingIsAConflictAndSoIsARunWhileAnInstallIsGoing() throws Exception {
    CountDownLatch trainingMayFinish = new CountDownLatch(1);
    LiveModel live = liveModel();
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> {
      trainingMayFinish.await();
      return trained(ready(2), SECOND);
    }, promoter(live), Clock.systemUTC())) {
      TrainingJob training = jobs.submit(SETTINGS, "test");
      assertThatThrownBy(() -> jobs.install(SETTINGS, () -> {
        throw new AssertionError("an install must not start while a run is going");
      })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
          .hasMessageContaining("Training job " + training.id());
      trainingMayFinish.countDown();
      await(jobs, training);

      CountDownLatch installing = new CountDownLatch(1);
      CountDownLatch installMayFinish = new CountDownLatch(1);
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        Future<TrainingJob> install = caller.submit(() -> jobs.install(SETTINGS, () -> {
          installing.countDown();
          awaitQuietly(installMayFinish);
          return trained(ready(3), FIRST);
        }));
        assertThat(installing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> jobs.submit(SETTINGS, "test"))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
            .hasMessageContaining("Install job");
        assertThat(jobs.trySubmit(SETTINGS, "schedule")).isEmpty();
        installMayFinish.countDown();
        assertThat(install.get(30, TimeUnit.SECONDS).view().state()).isEqualTo("succeeded");
        assertThat(live.snapshot().modelVersion()).isEqualTo(3);
      } finally {
        caller.shutdownNow();
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theScheduleRetrainsByItself() throws InterruptedException {
    LiveModel live = liveModel();
    java.util.concurrent.atomic.AtomicLong versions = new java.util.concurrent.atomic.AtomicLong(1);
    try (TrainingJobs jobs = new TrainingJobs((settings, listener) -> trained(
        ready(versions.incrementAndGet()), SECOND), promoter(live), Clock.systemUTC())) {
      jobs.retrainEvery(java.time.Duration.ofMillis(20), SETTINGS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (live.snapshot().modelVersion() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(live.snapshot().modelVersion()).isGreaterThanOrEqualTo(3);
      assertThat(jobs.recent()).allSatisfy(job -> assertThat(job.view().trigger()).isEqualTo("schedule"));
    }
  }
}
