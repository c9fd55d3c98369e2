package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PlayRepositoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Parameter
  TestDatabase database;

  @TempDir
  Path folder;

  EncoreStore store;

  @BeforeEach
  void open() {
    store = database.open(folder);
    store.tracks().upsert(List.of(Track.bare("t1"), Track.bare("t2"), Track.bare("t3")));
  }

  @AfterEach
  void close() {
    store.close();
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
}
