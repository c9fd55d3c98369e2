package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.store.AutoTuning;
import dev.encore.store.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server whose training chooses its settings (the default): the first model's version records
 * the search and the chosen settings, and a request can turn the search off or on.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AutoTrainingTest extends ServedDemoFixture {
  /** Three candidates at most, so the choice does not depend on the machine's speed. */
  private static final int CANDIDATES = 3;

  @Override
  TestService startService() throws InterruptedException {
    TrainingPlan auto = TrainingPlan.exactly(TestService.FAST)
        .withAuto(AutoTuning.within(Duration.ofSeconds(60)).withMaxCandidates(CANDIDATES));
    return TestService.start(TestService.config(database, folder).withTraining(auto)).awaitFirstModel();
  }

  @Test
  void theFirstModelsSettingsWereChosenOnTheTrainingPartAndRecorded() {
    JsonNode version1 = http.get("/v1/models/1").json();

    JsonNode search = version1.at("/metrics/auto");
    assertThat(search.get("metric").asText()).isEqualTo("precision@10");
    assertThat(search.get("candidates")).hasSize(CANDIDATES);
    assertThat(search.get("validationScore").asDouble()).isBetween(0.0, 1.0);
    assertThat(version1.at("/metrics/als/precision@10").isNumber()).as("the choice evaluated on the test part").isTrue();
    JsonNode chosen = search.get("chosen");
    JsonNode settings = version1.get("settings");
    assertThat(settings.at("/als/factors").asInt()).isEqualTo(chosen.get("factors").asInt());
    assertThat(settings.at("/als/confidence/function").asText()).isEqualTo(chosen.get("confidence").asText());
    assertThat(settings.at("/auto/startedFrom/factors").asInt()).isEqualTo(TestService.FAST.factors());
    assertThat(settings.at("/auto/budget").asText()).isEqualTo("PT1M");
    assertThat(model().factors()).isEqualTo(chosen.get("factors").asInt());
  }

  @Test
  void aRequestGivingSettingsTrainsWithThemAndAutoTrueSearchesAgain() throws InterruptedException {
    Http.Response exact = http.post("/v1/models/train", "{\"factors\": 5}");
    JsonNode exactJob = service.awaitJob(exact.location());
    assertThat(exactJob.get("state").asText()).as(exactJob.toString()).isEqualTo("succeeded");
    assertThat(exactJob.at("/settings/auto").asBoolean()).isFalse();
    assertThat(exactJob.has("search")).isFalse();
    JsonNode version2 = http.get("/v1/models/2").json();
    assertThat(version2.at("/settings/auto").asBoolean()).isFalse();
    assertThat(version2.at("/settings/als/factors").asInt()).isEqualTo(5);
    assertThat(version2.at("/metrics/auto").isMissingNode()).isTrue();

    Http.Response searched = http.post("/v1/models/train", "{\"factors\": 5, \"auto\": true, \"autoBudgetSeconds\": 30}");
    JsonNode searchedJob = service.awaitJob(searched.location());

    assertThat(searchedJob.get("state").asText()).as(searchedJob.toString()).isEqualTo("succeeded");
    assertThat(searchedJob.at("/settings/autoBudgetSeconds").asDouble()).isEqualTo(30.0);
    assertThat(searchedJob.at("/search/candidatesTried").asInt()).isEqualTo(CANDIDATES);
    assertThat(searchedJob.at("/search/bestScore").asDouble()).isBetween(0.0, 1.0);
    JsonNode version3 = http.get("/v1/models/3").json();
    assertThat(version3.at("/settings/auto/budget").asText()).isEqualTo("PT30S");
    assertThat(version3.at("/settings/auto/startedFrom/factors").asInt()).isEqualTo(5);
    assertThat(version3.at("/metrics/auto/candidates")).hasSize(CANDIDATES);
  }
}
