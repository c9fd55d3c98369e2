package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.within;

import dev.encore.data.Interactions;
import dev.encore.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PlayRepositoryTest extends EmptyStoreFixture {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @BeforeEach
  void addTracks() {
    store.tracks().upsert(List.of(Track.bare("t1"), Track.bare("t2"), Track.bare("t3")));
  }

  private static PlayEvent play(String user, String track, long secondsAfterT0, int count, String source) {
    return new PlayEvent(user, track, T0.plusSeconds(secondsAfterT0), count, null, source);
  }

  @Test
  void addCreatesListenersAndStoresEachEventOnce() {
    int added = store.plays().add(List.of(play("ann", "t1", 0, 2, "api"), play("ann", "t2", 10, 1, "api")));
    int again = store.plays().add(List.of(play("ann", "t1", 0, 2, "api"), play("bob", "t1", 0, 1, null)));

    assertThat(added).isEqualTo(2);
    assertThat(again).isEqualTo(1);
    assertThat(store.plays().count()).isEqualTo(3);
    assertThat(store.listeners().list(0, 10)).extracting(Listener::id).containsExactly("ann", "bob");
  }

  @Test
  void anUnknownTrackRejectsTheWholeBatch() {
    assertThatThrownBy(() -> store.plays().add(List.of(play("ann", "t1", 0, 1, "api"), play("ann", "nope", 0, 1, "api"))))
        .isInstanceOfSatisfying(UnknownTrackException.class, e -> assertThat(e.trackId()).isEqualTo("nope"));

    assertThat(store.plays().count()).isZero();
    assertThat(store.listeners().count()).isZero();
  }

  @Test
  void forUserListsNewestFirstAndRoundTripsEveryField() {
    PlayEvent withDuration = new PlayEvent("ann", "t3", T0.plusSeconds(30).plusNanos(123_000), 4, 215.5f, "api");
    store.plays().add(List.of(play("ann", "t1", 0, 1, null), withDuration, play("ann", "t2", 10, 1, "import"),
        play("bob", "t1", 99, 1, null)));

    List<PlayEvent> latest = store.plays().forUser("ann", 2);

    assertThat(latest).containsExactly(withDuration, play("ann", "t2", 10, 1, "import"));
    assertThat(store.plays().forUser("ann", 10)).hasSize(3).last().isEqualTo(play("ann", "t1", 0, 1, null));
    assertThat(store.plays().forUser("nobody", 10)).isEmpty();
  }

  private static float value(Interactions interactions, String user, String track) {
    return interactions.userItems().get(interactions.users().indexOf(user), interactions.items().indexOf(track));
  }

  @Test
  void sumAggregationAddsPlayCountsPerListenerAndTrack() {
    store.plays().add(List.of(play("ann", "t1", 0, 2, "api"), play("ann", "t1", 10, 3, "api"),
        play("ann", "t1", 10, 4, "import"), play("ann", "t2", 5, 1, "api"), play("bob", "t1", 7, 6, "api")));

    Interactions interactions = store.plays().interactions(PlayAggregation.sum());

    assertThat(interactions.users().ids()).containsExactlyInAnyOrder("ann", "bob");
    assertThat(interactions.items().ids()).containsExactlyInAnyOrder("t1", "t2");
    assertThat(interactions.nnz()).isEqualTo(3);
    assertThat(value(interactions, "ann", "t1")).isEqualTo(9f);
    assertThat(value(interactions, "ann", "t2")).isEqualTo(1f);
    assertThat(value(interactions, "bob", "t1")).isEqualTo(6f);
    assertThat(interactions.totalValue()).isEqualTo(16.0);
    int annT1 = interactions.userItems().rowStart(interactions.users().indexOf("ann"))
        + (interactions.items().indexOf("t1") < interactions.items().indexOf("t2") ? 0 : 1);
    assertThat(interactions.timestamps()[annT1]).isEqualTo(T0.getEpochSecond() + 10);
  }

  @Test
  void halfLifeWeightsEachEventByHalfToThePowerOfItsAgeInHalfLives() {
    Duration day = Duration.ofDays(1);
    Instant now = T0.plus(day.multipliedBy(2));
    long dayInSeconds = day.toSeconds();
    store.plays().add(List.of(
        play("ann", "t1", 0, 2, "api"),                          // two half-lives old: 2 * 0.25
        play("ann", "t1", dayInSeconds, 3, "api"),               // one half-life old:  3 * 0.5
        play("ann", "t2", 2 * dayInSeconds, 1, "api"),           // played now:         1 * 1
        play("bob", "t1", 3 * dayInSeconds, 4, "api"),           // after now, counts as fresh: 4
        play("bob", "t2", 2 * dayInSeconds - 12 * 3600, 1, "api"))); // half a half-life: 0.5^0.5

    Interactions decayed = store.plays().interactions(PlayAggregation.halfLife(day, now));

    assertThat(value(decayed, "ann", "t1")).isEqualTo(2.0f);
    assertThat(value(decayed, "ann", "t2")).isEqualTo(1.0f);
    assertThat(value(decayed, "bob", "t1")).isEqualTo(4.0f);
    assertThat((double) value(decayed, "bob", "t2")).isCloseTo(Math.sqrt(0.5), within(1e-6));
    assertThat(PlayAggregation.halfLife(day, now).weight(T0)).isEqualTo(0.25);
  }

  @Test
  void aHalfLifeThatLeavesEvenTheNewestPlayWeighingNothingIsRefusedNamingAsOf() {
    Duration day = Duration.ofDays(1);
    long dayInSeconds = day.toSeconds();
    store.plays().add(List.of(play("ann", "t1", 0, 2, "api"), play("bob", "t2", dayInSeconds, 1, "api")));
    Instant newest = T0.plusSeconds(dayInSeconds);

    // 19 half-lives after the newest play it still weighs 2^-19; at 21 it would weigh under 2^-20.
    assertThat(store.plays().interactions(PlayAggregation.halfLife(day, newest.plus(day.multipliedBy(19)))).nnz())
        .isEqualTo(2);
    assertThatThrownBy(() -> store.plays().interactions(PlayAggregation.halfLife(day, newest.plus(day.multipliedBy(21)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even the newest play (" + newest + ")")
        .hasMessageContaining("--as-of " + newest);
  }

  @Test
  void aFreshStoreOnTheSameDatabaseSeesThePlaysOnceAddReturns() {
    store.plays().add(List.of(play("ann", "t1", 0, 2, "api"), play("bob", "t2", 0, 1, "api")));

    try (EncoreStore other = EncoreStore.open(store.config())) {
      assertThat(other.plays().count()).isEqualTo(2);
      assertThat(other.plays().forUser("ann", 5)).containsExactly(play("ann", "t1", 0, 2, "api"));
    }
  }

  @Test
  void anEmptyBatchWritesNothing() {
    assertThat(store.plays().add(List.of())).isZero();
    assertThat(store.plays().interactions(PlayAggregation.sum()).nnz()).isZero();
  }
}
