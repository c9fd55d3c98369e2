package dev.encore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.model.FactorModel;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Removing a listener or a track (a privacy delete) leaves everyone and everything else exactly as it was. */
class RemovalTest {
  /** Every stored entry as user, item, value and time, by external ID: what removal must keep, compared as a set. */
  private static Set<String> entries(Interactions interactions) {
    Set<String> all = new HashSet<>();
    Csr matrix = interactions.userItems();
    for (int user = 0; user < matrix.rows(); user++) {
      for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
        all.add(interactions.users().idOf(user) + "|" + interactions.items().idOf(matrix.indices()[p]) + "|"
            + matrix.values()[p] + "|" + interactions.timestamps()[p]);
      }
    }
    return all;
  }

  private static Interactions timed() {
    Random random = new Random(7);
    InteractionsBuilder builder = new InteractionsBuilder();
    for (int i = 0; i < 400; i++) {
      builder.add("u" + random.nextInt(30), "t" + random.nextInt(20), 1 + random.nextInt(5), 1_000 + i);
    }
    return builder.build();
  }

  @Test
  void interactionsWithoutAUserOrAnItemKeepEveryOtherEntryWithItsTime() {
    Interactions all = timed();
    String user = all.users().idOf(3);
    String item = all.items().idOf(5);
    Set<String> expectedWithoutUser = new HashSet<>(entries(all));
    expectedWithoutUser.removeIf(entry -> entry.startsWith(user + "|"));
    Set<String> expectedWithoutItem = new HashSet<>(entries(all));
    expectedWithoutItem.removeIf(entry -> entry.split("\\|")[1].equals(item));

    Interactions withoutUser = all.withoutUser(user);
    Interactions withoutItem = all.withoutItem(item);

    assertThat(entries(withoutUser)).isEqualTo(expectedWithoutUser);
    assertThat(withoutUser.users().contains(user)).isFalse();
    assertThat(withoutUser.users().size()).isEqualTo(all.users().size() - 1);
    assertThat(entries(withoutItem)).isEqualTo(expectedWithoutItem);
    assertThat(withoutItem.items().contains(item)).isFalse();
    assertThat(withoutItem.itemUsers().rows()).isEqualTo(all.items().size() - 1);
    assertThatThrownBy(() -> all.withoutUser("nobody")).isInstanceOf(UnknownIdException.class);
  }

  @Test
  void aModelWithoutAUserOrAnItemScoresEveryOtherPairAsBefore() {
    Interactions all = timed();
    FactorModel model = new AlsTrainer(AlsConfig.defaults().withFactors(4).withIterations(3).withThreads(1))
        .fit(all);
    String goneUser = model.users().idOf(0);
    String goneItem = model.items().idOf(model.items().size() - 2);

    FactorModel withoutUser = model.withoutUser(goneUser);
    FactorModel withoutItem = model.withoutItem(goneItem);

    assertThat(withoutUser.users().contains(goneUser)).isFalse();
    assertThat(withoutItem.items().contains(goneItem)).isFalse();
    for (String user : withoutUser.users().ids()) {
      for (String item : model.items().ids()) {
        assertThat(withoutUser.score(withoutUser.users().indexOf(user), withoutUser.items().indexOf(item)))
            .isEqualTo(model.score(model.users().indexOf(user), model.items().indexOf(item)));
      }
    }
    for (String user : model.users().ids()) {
      int before = model.users().indexOf(user);
      int after = withoutItem.users().indexOf(user);
      for (String item : withoutItem.items().ids()) {
        assertThat(withoutItem.score(after, withoutItem.items().indexOf(item)))
            .isEqualTo(model.score(before, model.items().indexOf(item)));
      }
      int playedBefore = model.played().rowLength(before);
      boolean playedGone = model.played().find(before, model.items().indexOf(goneItem)) >= 0;
      assertThat(withoutItem.played().rowLength(after)).isEqualTo(playedBefore - (playedGone ? 1 : 0));
    }
    assertThat(withoutItem.similarItems(withoutItem.items().idOf(0), 50)).noneMatch(r -> r.itemId().equals(goneItem));
    assertThat(withoutUser.similarUsers(withoutUser.users().idOf(0), 50)).noneMatch(u -> u.userId().equals(goneUser));
  }
}
