package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.store.testing.TestDatabase;
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
}
