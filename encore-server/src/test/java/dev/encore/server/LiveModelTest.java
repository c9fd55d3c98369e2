package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.als.AlsConfig;
import dev.encore.als.AlsTrainer;
import dev.encore.als.Solver;
import dev.encore.data.Csr;
import dev.encore.data.Interactions;
import dev.encore.hybrid.Blend;
import dev.encore.model.FactorModel;
import dev.encore.store.PlayEvent;
import dev.encore.testing.RandomInteractions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Fold-in from the stored plays, and re-folding across a swap. */
class LiveModelTest {
  private static final AlsConfig EXACT = AlsConfig.defaults().withFactors(6).withIterations(4).withThreads(1)
      .withSolver(Solver.CHOLESKY);
  private static final Interactions PLAYS = RandomInteractions.generate(40, 25, 0.2, 12, 11);
  private static final FactorModel MODEL = new AlsTrainer(EXACT).fit(PLAYS);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A store stand-in: play events per listener, newest first. */
  private final Map<String, List<PlayEvent>> stored = new ConcurrentHashMap<>();

  private void store(String userId, String trackId, int count) {
    stored.computeIfAbsent(userId, id -> new ArrayList<>()).add(0, new PlayEvent(userId, trackId, T0, count, null, null));
  }

  private LiveModel live(Clock clock) {
    return new LiveModel(ServingSnapshot.ofModel(1, MODEL, CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, T0),
        userId -> stored.getOrDefault(userId, List.of()), () -> CatalogueFeatures.NO_TRACKS, clock);
  }

  @Test
  void aModelWhosePlaysWereReadBeforeADeleteIsCleanedBeforeItServesAndALaterOneIsNot() {
    String gone = MODEL.users().idOf(2);
    String goneTrack = MODEL.items().idOf(3);
    LiveModel live = live(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    live.forgetListener(gone);
    live.forgetTrack(goneTrack);
    assertThat(live.snapshot().listeners().contains(gone)).isFalse();
    assertThat(live.snapshot().tracks().contains(goneTrack)).isFalse();

    // A training that read the plays before the deletes would bring them back.
    live.install(ServingSnapshot.ofModel(2, MODEL, CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, T0.plusSeconds(30)));
    assertThat(live.snapshot().modelVersion()).isEqualTo(2);
    assertThat(live.snapshot().listeners().contains(gone)).isFalse();
    assertThat(live.snapshot().tracks().contains(goneTrack)).isFalse();
    assertThat(live.snapshot().model().users().size()).isEqualTo(MODEL.users().size() - 1);

    // One read after them is served as it is (the same IDs here would be new plays, stored since).
    live.install(ServingSnapshot.ofModel(3, MODEL, CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, T0.plusSeconds(90)));
    assertThat(live.snapshot().listeners().contains(gone)).isTrue();
    assertThat(live.snapshot().tracks().contains(goneTrack)).isTrue();
  }

  @Test
  void foldInSumsStoredPlaysPerTrackAndMatchesTheModelsOwnFoldIn() {
    store("new", PLAYS.items().idOf(1), 2);
    store("new", PLAYS.items().idOf(1), 3);
    store("new", PLAYS.items().idOf(4), 1);
    store("new", "never-trained", 9);

    FoldedListener folded = live(Clock.fixed(T0, ZoneOffset.UTC)).foldIn("new");

    assertThat(folded.knownPlays()).containsExactlyInAnyOrderEntriesOf(
        Map.of(PLAYS.items().idOf(1), 5f, PLAYS.items().idOf(4), 1f));
    assertThat(folded.unknownTracks()).isEqualTo(1);
    assertThat(folded.playedTracks()).containsExactly(1, 4);
    assertThat(folded.vector()).containsExactly(MODEL.foldIn(folded.knownPlays()));
  }

  @Test
  void aListenerWithOnlyUnknownTracksGetsNoVector() {
    store("new", "never-trained", 1);
    assertThat(live(Clock.systemUTC()).foldIn("new").hasVector()).isFalse();
  }

  @Test
  void foldingATrainedListenersOwnPlaysReproducesTheirRow() {
    Csr played = PLAYS.userItems();
    String userId = PLAYS.users().idOf(5);
    for (int p = played.rowStart(5); p < played.rowEnd(5); p++) {
      store(userId, PLAYS.items().idOf(played.indices()[p]), (int) played.values()[p]);
    }
    float[] folded = live(Clock.systemUTC()).foldIn(userId).vector();
    float[] trained = MODEL.userVector(5);
    for (int a = 0; a < trained.length; a++) {
      assertThat(folded[a]).isCloseTo(trained[a], org.assertj.core.api.Assertions.within(1e-4f));
    }
  }

  @Test
  void aSwapRefoldsListenersWhosePlaysArrivedAfterTheNewModelsDataWasRead() {
    Instant[] now = {T0};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    LiveModel live = live(clock);
    store("early", PLAYS.items().idOf(2), 1);
    live.foldIn("early");
    now[0] = T0.plusSeconds(60);
    store("late", PLAYS.items().idOf(3), 1);
    live.foldIn("late");
    FactorModel retrained = new AlsTrainer(EXACT.withSeed(99)).fit(PLAYS);

    // The new model's plays were read at T0 + 30 s: "late" came after, "early" before.
    live.install(ServingSnapshot.ofModel(2, retrained, CatalogueFeatures.NO_TRACKS, Blend.DEFAULT, T0.plusSeconds(30)));

    ServingView view = live.view();
    assertThat(view.snapshot().modelVersion()).isEqualTo(2);
    assertThat(view.folded("early")).isNull();
    assertThat(view.folded("late")).isNotNull();
    assertThat(view.folded("late").vector()).containsExactly(retrained.foldIn(Map.of(PLAYS.items().idOf(3), 1f)));
  }
}
