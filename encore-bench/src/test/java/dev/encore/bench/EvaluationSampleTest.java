package dev.encore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Interactions;
import dev.encore.data.InteractionsBuilder;
import org.junit.jupiter.api.Test;

class EvaluationSampleTest {
  private static Interactions threeUsers() {
    return new InteractionsBuilder()
        .add("u0", "a", 1f).add("u0", "b", 2f)
        .add("u1", "b", 3f)
        .add("u2", "a", 4f).add("u2", "c", 5f)
        .build();
  }

  @Test
  void keepsOnlyTheFirstUsersEntriesOverTheSameIds() {
    Interactions test = threeUsers();

    Interactions sample = EvaluationSample.firstUsers(test, 2);

    assertThat(sample.users()).isEqualTo(test.users());
    assertThat(sample.items()).isEqualTo(test.items());
    assertThat(sample.nnz()).isEqualTo(3);
    assertThat(sample.userItems().rowLength(1)).isEqualTo(1);
    assertThat(sample.userItems().rowLength(2)).isZero();
  }

  @Test
  void zeroOrTooManyUsersKeepsEverything() {
    Interactions test = threeUsers();

    assertThat(EvaluationSample.firstUsers(test, 0)).isSameAs(test);
    assertThat(EvaluationSample.firstUsers(test, 3)).isSameAs(test);
  }
}
