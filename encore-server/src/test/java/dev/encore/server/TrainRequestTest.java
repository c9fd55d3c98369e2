package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.als.AlsConfig;
import dev.encore.als.Solver;
import dev.encore.data.Confidence;
import dev.encore.store.AutoTuning;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The training request's fields reach the plan, and every rule a value breaks is a 400 naming the field. */
class TrainRequestTest {
  private static final ObjectMapper JSON = ServerJson.mapper();
  private static final TrainingPlan SERVER = TrainingPlan.defaults();

  private static TrainRequest request(String json) {
    try {
      return JSON.readValue(json, TrainRequest.class);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }

  private static TrainingPlan plan(String json) {
    return request(json).applyTo(SERVER);
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> plan(json))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error()).isEqualTo("invalid_field");
        })
        .hasMessage(message);
  }

  @Test
  void everyFieldReachesThePlan() {
    TrainingPlan plan = plan("{\"factors\": 16, \"iterations\": 7, \"regularization\": 2.5, \"confidence\": \"log\","
        + " \"alpha\": 3, \"epsilon\": 0.5, \"cap\": 50, \"alpha0\": 0.25, \"nu\": 1, \"initSigma\": 0.1,"
        + " \"solver\": \"cholesky\", \"cgSteps\": 5, \"blockSize\": 24, \"seed\": 9, \"halfLife\": \"P30D\"}");

    AlsConfig als = plan.als();
    assertThat(als.factors()).isEqualTo(16);
    assertThat(als.iterations()).isEqualTo(7);
    assertThat(als.regularization()).isEqualTo(2.5f);
    assertThat(als.confidence()).isEqualTo(new Confidence(Confidence.Function.LOG, 3, 0.5f, 50));
    assertThat(als.unobservedWeight()).isEqualTo(0.25f);
    assertThat(als.regularizationExponent()).isEqualTo(1f);
    assertThat(als.initSigma()).isEqualTo(0.1f);
    assertThat(als.solver()).isEqualTo(Solver.CHOLESKY);
    assertThat(als.cgSteps()).isEqualTo(5);
    assertThat(als.blockSize()).isEqualTo(24);
    assertThat(als.seed()).isEqualTo(9);
    assertThat(als.threads()).isEqualTo(SERVER.als().threads());
    assertThat(als.computeLoss()).isTrue();
    assertThat(plan.halfLife()).isEqualTo(Duration.ofDays(30));
    assertThat(plan.auto().enabled()).as("settings given: train with them").isFalse();
    assertThat(plan("{\"scaleRegularization\": true, \"confidence\": \"capped\"}").als())
        .satisfies(config -> assertThat(config.scaleRegularization()).isTrue())
        .satisfies(config -> assertThat(config.confidence().cap()).isEqualTo(TrainingPlan.DEFAULT_CAP));
    assertThat(plan("{\"confidence\": \"binary\"}").als().confidence().function()).isEqualTo(Confidence.Function.BINARY);
    assertThat(plan("{\"confidence\": \"linear\"}").als().confidence().function()).isEqualTo(Confidence.Function.LINEAR);
  }

  @Test
  void anEmptyRequestKeepsTheServersPlan() {
    assertThat(TrainRequest.NONE.applyTo(SERVER)).isEqualTo(SERVER);
    assertThat(plan("{}")).isEqualTo(SERVER);
    assertThat(plan("{\"factors\": null}")).isEqualTo(SERVER);
  }

  @Test
  void aSearchedSettingTurnsAutoOffUnlessAutoIsAskedAndOthersKeepIt() {
    assertThat(plan("{\"alpha0\": 0.5}").auto()).isEqualTo(AutoTuning.OFF);
    assertThat(plan("{\"scaleRegularization\": false}").auto().enabled()).isFalse();
    assertThat(plan("{\"iterations\": 3, \"solver\": \"cholesky\", \"halfLife\": \"P7D\"}").auto())
        .isEqualTo(SERVER.auto());
    TrainingPlan both = plan("{\"factors\": 32, \"auto\": true, \"autoBudgetSeconds\": 2.5}");
    assertThat(both.auto()).isEqualTo(AutoTuning.within(Duration.ofMillis(2500)));
    assertThat(both.als().factors()).as("where the search starts").isEqualTo(32);
    assertThat(plan("{\"auto\": false}").auto().enabled()).isFalse();
    TrainingPlan exact = TrainingPlan.exactly(SERVER.als());
    assertThat(request("{\"auto\": true}").applyTo(exact).auto().enabled()).isTrue();
    assertThat(request("{\"auto\": true}").applyTo(exact).auto().budget()).isEqualTo(AutoTuning.OFF.budget());
  }

  @Test
  void halfLifeNoneSumsThePlayCounts() {
    TrainingPlan decayed = SERVER.withHalfLife(Duration.ofDays(90));

    assertThat(request("{\"halfLife\": \"none\"}").applyTo(decayed).halfLife()).isNull();
    assertThat(request("{}").applyTo(decayed).halfLife()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void everyRuleNamesTheFieldAndReusesTheSettingsMessage() {
    assertRefused("{\"factors\": 0}", "Field 'factors': setting factors = 0 must be in 1..4096.");
    assertRefused("{\"iterations\": -1}", "Field 'iterations': setting iterations = -1 must be >= 0.");
    assertRefused("{\"regularization\": -0.5}",
        "Field 'regularization': setting regularization = -0.5 must be finite and >= 0.");
    assertRefused("{\"alpha0\": -1}", "Field 'alpha0': setting unobservedWeight = -1.0 must be finite and >= 0.");
    assertRefused("{\"nu\": 3}", "Field 'nu': setting regularizationExponent = 3.0 must be in [0, 2].");
    assertRefused("{\"nu\": 0.5, \"scaleRegularization\": true}", "Fields 'nu' and 'scaleRegularization': setting"
        + " regularizationExponent = 0.5 must be 0 with scaleRegularization (ALS-WR): both scale lambda per row, use"
        + " one.");
    assertRefused("{\"initSigma\": 101}", "Field 'initSigma': setting initSigma = 101.0 must be in [0, 100].");
    assertRefused("{\"cgSteps\": 0}", "Field 'cgSteps': setting cgSteps = 0 must be >= 1.");
    assertRefused("{\"blockSize\": 0}", "Field 'blockSize': setting blockSize = 0 must be in 1..4096.");
    assertRefused("{\"alpha\": -2}", "Field 'alpha': alpha -2.0 must be finite and >= 0.");
    assertRefused("{\"epsilon\": 0}", "Field 'epsilon': epsilon 0.0 must be finite and > 0.");
    assertRefused("{\"cap\": 0}", "Field 'cap': cap 0.0 must be > 0.");
    assertRefused("{\"confidence\": \"square\"}",
        "Field 'confidence': confidence function 'square' is not one of linear, log, binary, capped.");
    assertRefused("{\"solver\": \"magic\"}", "Field 'solver': solver 'magic' is not one of cg, cholesky, subspace.");
    assertRefused("{\"halfLife\": \"a month\"}",
        "Field 'halfLife' = 'a month' is not an ISO-8601 duration such as P30D or PT12H, nor none.");
    assertRefused("{\"halfLife\": \"-P1D\"}", "Field 'halfLife' = '-P1D' must be positive.");
    assertRefused("{\"auto\": true, \"autoBudgetSeconds\": 0}",
        "Field 'autoBudgetSeconds' = 0.0 must be > 0 and at most 86400 (a day).");
    assertRefused("{\"autoBudgetSeconds\": 5, \"factors\": 8}", "Field 'autoBudgetSeconds' applies only when the"
        + " settings are chosen automatically: add \"auto\": true (giving a setting the search chooses turns auto off).");
    assertRefused("{\"auto\": false, \"autoBudgetSeconds\": 5}", "Field 'autoBudgetSeconds' applies only when the"
        + " settings are chosen automatically: add \"auto\": true.");
  }
}
