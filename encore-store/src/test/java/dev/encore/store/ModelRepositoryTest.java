package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.store.testing.TestDatabase;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ModelRepositoryTest extends EmptyStoreFixture {
  @Test
  void aRunGoesFromTrainingToReadyWithItsFileAndMetrics() {
    long version = store.models().startTraining("{\"factors\":8}");

    ModelRecord training = store.models().find(version).orElseThrow();
    assertThat(training.status()).isEqualTo(ModelRecord.TRAINING);
    assertThat(training.settingsJson()).isEqualTo("{\"factors\":8}");
    assertThat(training.finishedAt()).isNull();
    assertThat(store.models().latestReady()).isEmpty();

    store.models().markReady(version, "/data/models/model-1.encore", "{\"ndcg@10\":0.2}");

    ModelRecord ready = store.models().find(version).orElseThrow();
    assertThat(ready.status()).isEqualTo(ModelRecord.READY);
    assertThat(ready.file()).isEqualTo("/data/models/model-1.encore");
    assertThat(ready.metricsJson()).isEqualTo("{\"ndcg@10\":0.2}");
    assertThat(ready.finishedAt()).isAfterOrEqualTo(ready.createdAt());
    assertThat(ready.error()).isNull();
    assertThat(store.models().latestReady()).contains(ready);
  }

  @Test
  void theLatestReadyModelIgnoresNewerFailedAndTrainingRuns() {
    long first = store.models().startTraining("{}");
    store.models().markReady(first, "a", null);
    long failed = store.models().startTraining("{}");
    store.models().markFailed(failed, "out of memory");
    long running = store.models().startTraining("{}");

    assertThat(failed).isGreaterThan(first);
    assertThat(running).isGreaterThan(failed);
    assertThat(store.models().latestReady()).get().extracting(ModelRecord::version).isEqualTo(first);
    assertThat(store.models().find(failed).orElseThrow().error()).isEqualTo("out of memory");
    assertThat(store.models().list()).extracting(ModelRecord::version).containsExactly(running, failed, first);
  }

  @Test
  void aFinishedRunCannotBeFinishedAgainAndAnUnknownVersionIsNamed() {
    long version = store.models().startTraining("{}");
    store.models().markFailed(version, "boom");

    assertThatThrownBy(() -> store.models().markReady(version, "f", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model version " + version + " is already failed");
    assertThat(store.models().find(version).orElseThrow().status()).isEqualTo(ModelRecord.FAILED);
    assertThatThrownBy(() -> store.models().markFailed(99, "x"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no model version 99");
  }

  private static String precision(double value) {
    return "{\"evaluated\":true,\"als\":{\"precision@10\":" + value + "}}";
  }

  /** A new version made ready with {@code metricsJson} under the default policy. */
  private ModelRecord ready(String metricsJson) {
    long version = store.models().startTraining("{}");
    return store.models().markReady(version, "model-" + version + ".encore", metricsJson);
  }

  private static Promotion promotion(ModelRecord record) {
    return Promotion.fromJson(record.promotionJson()).orElseThrow();
  }

  private Long serving() {
    return store.models().serving().servingVersion();
  }

  @Test
  void aReadyVersionGoesLiveUnlessItsMetricIsWorseThanTheServingOnesByMoreThanTheTolerance() {
    assertThat(store.models().serving()).isEqualTo(new ServingState(null, false, 0));

    ModelRecord first = ready(precision(0.30));
    ModelRecord worse = ready(precision(0.25));
    ModelRecord close = ready(precision(0.295));

    assertThat(promotion(first).reason()).isEqualTo("promoted: no version was serving");
    assertThat(first.promotedAt()).isNotNull();
    assertThat(promotion(worse).promoted()).isFalse();
    assertThat(promotion(worse).reason()).contains("0.2500", "serving version " + first.version() + "'s 0.3000");
    assertThat(worse.promotedAt()).isNull();
    assertThat(worse.status()).isEqualTo(ModelRecord.READY);
    assertThat(promotion(close).promoted()).isTrue();
    assertThat(promotion(close).servingVersion()).isEqualTo(first.version());
    assertThat(serving()).isEqualTo(close.version());
  }

  @Test
  void promotingAnOlderVersionRollsBackToIt() {
    ModelRecord first = ready(precision(0.30));
    ModelRecord second = ready(precision(0.31));

    ModelRecord promoted = store.models().promote(first.version());

    assertThat(serving()).isEqualTo(first.version());
    assertThat(promoted.promotedAt()).isAfterOrEqualTo(second.promotedAt());
    assertThat(store.models().serving().pinned()).isFalse();
  }

  @Test
  void aPinnedVersionServesAndHoldsBackEveryNewOneUntilUnpinned() {
    ModelRecord first = ready(precision(0.30));
    ModelRecord second = ready(precision(0.30));
    store.models().pin(first.version());

    ModelRecord better = ready(precision(0.90));

    assertThat(serving()).isEqualTo(first.version());
    assertThat(promotion(better).promoted()).isFalse();
    assertThat(promotion(better).reason()).contains("version " + first.version() + " is pinned");
    assertThatThrownBy(() -> store.models().promote(second.version()))
        .isInstanceOfSatisfying(ModelConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ModelConflictException.PINNED))
        .hasMessageContaining("model version " + first.version() + " is pinned");
    store.models().pin(second.version());
    assertThat(store.models().serving()).extracting(ServingState::servingVersion, ServingState::pinned)
        .containsExactly(second.version(), true);

    assertThat(store.models().unpin()).contains(second.version());
    assertThat(store.models().unpin()).isEmpty();
    ModelRecord next = ready(precision(0.90));
    assertThat(serving()).isEqualTo(next.version());
  }

  @Test
  void onlyAReadyVersionWithItsFileCanGoLive() {
    ModelRecord first = ready(precision(0.3));
    long failed = store.models().startTraining("{}");
    store.models().markFailed(failed, "boom");
    long training = store.models().startTraining("{}");

    assertThatThrownBy(() -> store.models().promote(failed))
        .isInstanceOfSatisfying(ModelConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ModelConflictException.NOT_READY))
        .hasMessage("model version " + failed + " is failed: only a ready version can be promoted");
    assertThatThrownBy(() -> store.models().pin(training)).hasMessageContaining("is training");
    assertThatThrownBy(() -> store.models().promote(99)).isInstanceOf(NoSuchElementException.class)
        .hasMessage("no model version 99");
    assertThat(store.models().servable(first.version(), false)).isEqualTo(first);
    assertThat(serving()).isEqualTo(first.version());
  }

  @Test
  void theServingVersionAndARunInProgressCannotBeDeletedOthersCan() {
    ModelRecord first = ready(precision(0.3));
    ModelRecord second = ready(precision(0.3));
    long training = store.models().startTraining("{}");

    assertThatThrownBy(() -> store.models().delete(second.version()))
        .isInstanceOfSatisfying(ModelConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ModelConflictException.SERVING))
        .hasMessageContaining("model version " + second.version() + " is serving");
    assertThatThrownBy(() -> store.models().delete(training))
        .isInstanceOfSatisfying(ModelConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ModelConflictException.TRAINING));
    assertThatThrownBy(() -> store.models().delete(99)).isInstanceOf(NoSuchElementException.class);

    assertThat(store.models().delete(first.version())).isEqualTo(first);

    assertThat(store.models().find(first.version())).isEmpty();
    assertThat(store.models().list()).extracting(ModelRecord::version).containsExactly(training, second.version());
    long next = store.models().startTraining("{}");
    assertThat(next).as("a deleted version's number is never handed out again").isGreaterThan(training);
  }

  @Test
  void retentionRemovesTheFilesBeyondTheNewestButNeverTheServingOnes() {
    ModelRecord best = ready(precision(0.50));
    for (int i = 0; i < 4; i++) {
      ready(precision(0.10));
    }

    List<ModelRecord> removed = store.models().removeFilesBeyond(2);

    List<ModelRecord> all = store.models().list();
    assertThat(all).extracting(ModelRecord::version).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(serving()).isEqualTo(best.version());
    assertThat(removed).extracting(ModelRecord::version).containsExactly(3L, 2L);
    assertThat(all).filteredOn(record -> record.fileRemovedAt() != null).extracting(ModelRecord::version)
        .containsExactly(3L, 2L);
    assertThat(store.models().removeFilesBeyond(2)).isEmpty();
    assertThatThrownBy(() -> store.models().promote(2))
        .isInstanceOfSatisfying(ModelConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ModelConflictException.FILE_REMOVED))
        .hasMessageContaining("file was removed by retention");
  }

  @Test
  void runsLeftTrainingByAStoppedProcessAreMarkedFailedWithTheMessage() {
    ModelRecord done = ready(precision(0.3));
    long interrupted = store.models().startTraining("{}");

    assertThat(store.models().failUnfinished("the server stopped during this training")).containsExactly(interrupted);

    ModelRecord failed = store.models().find(interrupted).orElseThrow();
    assertThat(failed.status()).isEqualTo(ModelRecord.FAILED);
    assertThat(failed.error()).isEqualTo("the server stopped during this training");
    assertThat(failed.finishedAt()).isNotNull();
    assertThat(store.models().find(done.version()).orElseThrow()).isEqualTo(done);
    assertThat(store.models().failUnfinished("again")).isEmpty();
  }
}
