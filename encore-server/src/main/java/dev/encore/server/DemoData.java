package dev.encore.server;

import dev.encore.store.EncoreStore;
import dev.encore.store.PlayEvent;
import dev.encore.store.Track;
import dev.encore.synth.PlayGenerator;
import dev.encore.synth.SynthConfig;
import dev.encore.synth.TrackCatalogue;
import dev.encore.synth.TrackProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty database with a synthetic catalogue from {@link PlayGenerator}: every track with
 * its genre, mood and audio features, and every listener's plays spread over the last 28 days
 * (so the dashboard has days to draw), committed in batches.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  private static final int BATCH = 5_000;
  private static final int TRACKS_PER_ARTIST = 10;
  /** Inside the dashboard's 30-day chart of plays per day. */
  private static final Duration SPREAD = Duration.ofDays(28);
  private static final String SOURCE = "demo";

  private DemoData() {}

  /** Imports the catalogue unless the database already has plays; returns the number of plays stored. */
  public static long importIfEmpty(EncoreStore store, SynthConfig config, Clock clock) {
    if (store.plays().count() > 0) {
      return 0;
    }
    PlayGenerator generator = new PlayGenerator(config);
    importTracks(store, generator.catalogue());
    Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<PlayEvent> batch = new ArrayList<>(BATCH);
    long[] stored = {0};
    generator.generate((listener, track, playCount) -> {
      batch.add(new PlayEvent(generator.listenerId(listener), generator.trackId(track),
          playedAt(end, config.seed(), listener, track), playCount, null, SOURCE));
      if (batch.size() == BATCH) {
        stored[0] += store.plays().add(batch);
        batch.clear();
      }
    });
    stored[0] += store.plays().add(batch);
    LOG.info("demo data: {} listeners, {} tracks, {} plays imported", config.listeners(), config.tracks(), stored[0]);
    return stored[0];
  }

  private static void importTracks(EncoreStore store, TrackCatalogue catalogue) {
    List<Track> batch = new ArrayList<>(BATCH);
    for (int track = 0; track < catalogue.size(); track++) {
      TrackProfile profile = catalogue.profile(track);
      Map<String, Float> features = new LinkedHashMap<>();
      float[] values = profile.features();
      for (int f = 0; f < values.length; f++) {
        features.put(TrackProfile.FEATURE_NAMES.get(f), values[f]);
      }
      batch.add(new Track(profile.trackId(), capitalised(profile.mood()) + " " + profile.genre() + " no. " + (track + 1),
          "Demo Artist " + (track / TRACKS_PER_ARTIST + 1), features, List.of(profile.genre()),
          List.of(profile.mood())));
      if (batch.size() == BATCH) {
        store.tracks().upsert(batch);
        batch.clear();
      }
    }
    store.tracks().upsert(batch);
  }

  /** A time in the 28 days before {@code end}, the same for the same seed, listener and track. */
  private static Instant playedAt(Instant end, long seed, int listener, int track) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + listener * 65_537L + track);
    return end.minusSeconds(random.nextLong(SPREAD.toSeconds()));
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
