package dev.encore.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlendTest {
  @Test
  void parsesThreeWeightsInOrder() {
    Blend blend = Blend.parse("1, 0.5,0.1", ScoreNormalization.RANK);
    assertThat(blend).isEqualTo(new Blend(1, 0.5, 0.1, ScoreNormalization.RANK));
    assertThat(blend.asOptions()).isEqualTo("--weights 1,0.5,0.1 --normalization rank");
  }

  @Test
  void badWeightsAreRejectedNamingTheSource() {
    assertThatThrownBy(() -> Blend.parse("1,2", ScoreNormalization.Z_SCORE)).hasMessageContaining("three comma-separated");
    assertThatThrownBy(() -> Blend.parse("1,x,0", ScoreNormalization.Z_SCORE))
        .hasMessageContaining("content weight 'x'").hasMessageContaining("not a number");
    assertThatThrownBy(() -> Blend.parse("1,0,-1", ScoreNormalization.Z_SCORE))
        .hasMessageContaining("popularity weight -1.0 must be finite and >= 0");
    assertThatThrownBy(() -> Blend.parse("NaN,1,0", ScoreNormalization.Z_SCORE)).hasMessageContaining("als weight NaN");
    assertThatThrownBy(() -> Blend.parse("0,0,0", ScoreNormalization.Z_SCORE)).hasMessageContaining("all 0");
  }

  @Test
  void gridCrossesEverythingButTheAllZeroBlend() {
    List<Blend> grid = Blend.grid(List.of(0.0, 1.0), List.of(0.0, 0.5), List.of(0.0, 0.2),
        List.of(ScoreNormalization.Z_SCORE, ScoreNormalization.RANK));
    assertThat(grid).hasSize(14).doesNotHaveDuplicates()
        .contains(new Blend(0, 0, 0.2, ScoreNormalization.RANK), new Blend(1, 0.5, 0.2, ScoreNormalization.Z_SCORE));
    assertThatThrownBy(() -> Blend.grid(List.of(0.0), List.of(0.0), List.of(0.0), List.of(ScoreNormalization.RANK)))
        .hasMessageContaining("all weights 0");
  }
}
