package dev.encore.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlayGeneratorTest {
  private static final PlayGenerator SMALL = new PlayGenerator(SynthConfig.small());

  private record Play(int listener, int track, int playCount) {
  }

  private static List<Play> plays(PlayGenerator generator) {
    List<Play> plays = new ArrayList<>();
    generator.generate((listener, track, count) -> plays.add(new Play(listener, track, count)));
    return plays;
  }

  @Test
  void sameSeedGivesIdenticalPlays() {
    assertThat(plays(new PlayGenerator(SynthConfig.tiny()))).isEqualTo(plays(new PlayGenerator(SynthConfig.tiny())));
  }

  @Test
  void differentSeedsGiveDifferentPlays() {
    assertThat(plays(new PlayGenerator(SynthConfig.tiny().withSeed(7))))
        .isNotEqualTo(plays(new PlayGenerator(SynthConfig.tiny())));
  }

  @Test
  void aListenerRangeGetsTheSamePlaysAsInTheFullRun() {
    PlayGenerator generator = new PlayGenerator(SynthConfig.tiny());
    List<Play> range = new ArrayList<>();

    generator.generate((listener, track, count) -> range.add(new Play(listener, track, count)), 50, 80);

    assertThat(range).isNotEmpty().isEqualTo(plays(generator).stream()
        .filter(play -> play.listener() >= 50 && play.listener() < 80).toList());
  }

  @Test
  void smallPresetEmitsTheTargetRowCountWithinFifteenPercent() {
    long rows = SMALL.generate((listener, track, count) -> { });

    assertThat(rows).isBetween((long) (0.85 * SynthConfig.small().targetPlays()),
        (long) (1.15 * SynthConfig.small().targetPlays()));
  }

  @Test
  void playCountsStayWithinOneToMaxAndEachPairComesOnce() {
    List<Play> plays = plays(SMALL);
    Set<Long> pairs = new HashSet<>();

    assertThat(plays).allSatisfy(play -> assertThat(play.playCount()).isBetween(1, SynthConfig.small().maxPlayCount()));
    plays.forEach(play -> pairs.add((long) play.listener() << 32 | play.track()));
    assertThat(pairs).hasSize(plays.size());
    assertThat(plays.stream().mapToInt(Play::playCount).max().orElseThrow()).isGreaterThan(20);
  }

  @Test
  void listenerActivityIsHeavyTailed() {
    int[] tracksPerListener = new int[SynthConfig.small().listeners()];
    SMALL.generate((listener, track, count) -> tracksPerListener[listener]++);

    Arrays.sort(tracksPerListener);
    int median = tracksPerListener[tracksPerListener.length / 2];
    int max = tracksPerListener[tracksPerListener.length - 1];
    assertThat(max).isGreaterThan(5 * median);
  }

  @Test
  void aFewTracksGetAFarLargerShareOfPlays() {
    int[] listenersPerTrack = new int[SynthConfig.small().tracks()];
    long rows = SMALL.generate((listener, track, count) -> listenersPerTrack[track]++);

    Arrays.sort(listenersPerTrack);
    int topOnePercent = listenersPerTrack.length / 100;
    long topRows = 0;
    for (int i = listenersPerTrack.length - topOnePercent; i < listenersPerTrack.length; i++) {
      topRows += listenersPerTrack[i];
    }
    assertThat((double) topRows / rows).isGreaterThan(0.05);
  }

  @Test
  void idsArePaddedToTheWidthOfTheCount() {
    PlayGenerator generator = new PlayGenerator(SynthConfig.of(2_000_000, 500_000, 1_000_000, 8));

    assertThat(generator.listenerId(123)).isEqualTo("u0000123");
    assertThat(generator.trackId(45)).isEqualTo("t000045");
    assertThat(generator.listenerId(1_999_999)).isEqualTo("u1999999");
    assertThatThrownBy(() -> generator.trackId(500_000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void presetsHaveTheAdvertisedSizes() {
    assertThat(SynthConfig.tiny()).extracting(SynthConfig::listeners, SynthConfig::tracks).containsExactly(200, 100);
    assertThat(SynthConfig.oneMillion().targetPlays()).isEqualTo(1_000_000);
    assertThat(SynthConfig.tenMillion()).extracting(SynthConfig::listeners, SynthConfig::tracks)
        .containsExactly(200_000, 50_000);
    assertThat(SynthConfig.hundredMillion().targetPlays()).isEqualTo(100_000_000);
  }

  @Test
  void badSettingsNameTheSettingAndRule() {
    assertThatThrownBy(() -> SynthConfig.of(10, 10, 1_000, 2))
        .hasMessage("synth setting targetPlays = 1000 must be in 1..listeners x tracks / 2 = 50");
  }
}
