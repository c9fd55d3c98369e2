package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {
  private static final PromotionPolicy DEFAULT = PromotionPolicy.defaults();
  private static final ServingState SERVING_3 = new ServingState(3L, false, 7);

  private static String als(double precision) {
    return "{\"evaluated\":true,\"k\":10,\"als\":{\"precision@10\":" + precision + ",\"epr\":0.2}}";
  }

  private static ModelRecord version3(String metricsJson) {
    return new ModelRecord(3, ModelRecord.READY, "{}", metricsJson, "model-3.encore", Instant.EPOCH, Instant.EPOCH,
        null, null, Instant.EPOCH, null);
  }

  @Test
  void aVersionWithinTheToleranceIsPromotedWithBothNumbers() {
    Promotion decision = DEFAULT.decide(4, als(0.2361), SERVING_3, version3(als(0.24)));

    assertThat(decision.promoted()).isTrue();
    assertThat(decision.candidate()).isEqualTo(0.2361);
    assertThat(decision.serving()).isEqualTo(0.24);
    assertThat(decision.servingVersion()).isEqualTo(3);
    assertThat(decision.reason()).isEqualTo("promoted: precision@10 0.2361 against serving version 3's 0.2400"
        + " (tolerance 2%)");
  }

  @Test
  void aVersionWorseByMoreThanTheToleranceIsHeldBackSayingByHowMuch() {
    Promotion decision = DEFAULT.decide(4, als(0.18), SERVING_3, version3(als(0.24)));

    assertThat(decision.promoted()).isFalse();
    assertThat(decision.reason()).isEqualTo("not promoted: precision@10 0.1800 against serving version 3's 0.2400"
        + " is 25% worse, more than the tolerance of 2%");
    assertThat(Promotion.fromJson(decision.toJson())).contains(decision);
  }

  @Test
  void theToleranceIsRelativeToTheServingValue() {
    PromotionPolicy tenPercent = new PromotionPolicy("precision@10", 0.1);

    assertThat(tenPercent.decide(4, als(0.0901), SERVING_3, version3(als(0.1))).promoted()).isTrue();
    assertThat(tenPercent.decide(4, als(0.0899), SERVING_3, version3(als(0.1))).promoted()).isFalse();
    assertThat(new PromotionPolicy("precision@10", 0).decide(4, als(0.1), SERVING_3, version3(als(0.1))).promoted())
        .isTrue();
  }

  @Test
  void forExpectedPercentileRankLowerIsBetter() {
    PromotionPolicy epr = new PromotionPolicy("epr", 0.02);
    String lower = "{\"als\":{\"epr\":0.15}}";
    String higher = "{\"als\":{\"epr\":0.25}}";

    assertThat(epr.decide(4, lower, SERVING_3, version3(higher)).promoted()).isTrue();
    assertThat(epr.decide(4, higher, SERVING_3, version3(lower)).promoted()).isFalse();
  }

  @Test
  void withNothingToCompareTheVersionIsPromotedSayingWhy() {
    assertThat(DEFAULT.decide(1, als(0.1), new ServingState(null, false, 0), null).reason())
        .isEqualTo("promoted: no version was serving");
    assertThat(DEFAULT.decide(4, "{\"evaluated\":false}", SERVING_3, version3(als(0.3))).reason())
        .isEqualTo("promoted: version 4 has no held-out precision@10 to compare");
    assertThat(DEFAULT.decide(4, als(0.01), SERVING_3, version3("{\"evaluated\":false}")).reason())
        .isEqualTo("promoted: serving version 3 has no held-out precision@10 to compare");
    assertThat(DEFAULT.decide(4, als(0.01), SERVING_3, version3(null)).promoted()).isTrue();
  }

  @Test
  void whileAVersionIsPinnedNothingIsPromoted() {
    Promotion decision = DEFAULT.decide(4, als(0.9), new ServingState(3L, true, 1), version3(als(0.1)));

    assertThat(decision.promoted()).isFalse();
    assertThat(decision.reason()).contains("version 3 is pinned");
  }

  @Test
  void theValueIsReadFromAlsThenFromTheSparkReportThenFromTheTop() {
    assertThat(DEFAULT.valueIn(als(0.3))).hasValue(0.3);
    assertThat(DEFAULT.valueIn("{\"evaluated\":true,\"metrics\":{\"precision@10\":0.31}}")).hasValue(0.31);
    assertThat(DEFAULT.valueIn("{\"precision@10\":0.5,\"note\":\"offline run\"}")).hasValue(0.5);
    assertThat(DEFAULT.valueIn("{\"evaluated\":false,\"als\":{\"precision@10\":0.3}}")).isEmpty();
    assertThat(DEFAULT.valueIn("{\"als\":{\"precision@10\":\"high\"}}")).isEmpty();
    assertThat(DEFAULT.valueIn("not json")).isEmpty();
    assertThat(DEFAULT.valueIn(null)).isEmpty();
  }

  @Test
  void aBadMetricOrToleranceIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> new PromotionPolicy("accuracy", 0.02))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("promotion metric 'accuracy' must be one of precision@K");
    assertThatThrownBy(() -> new PromotionPolicy("ndcg@10", 1))
        .hasMessageContaining("promotion tolerance 1.0 must be in [0, 1)");
    assertThatThrownBy(() -> new PromotionPolicy("ndcg@10", Double.NaN))
        .hasMessageContaining("must be in [0, 1)");
    assertThat(new PromotionPolicy("ndcg@20", 0.05).metric()).isEqualTo("ndcg@20");
  }
}
