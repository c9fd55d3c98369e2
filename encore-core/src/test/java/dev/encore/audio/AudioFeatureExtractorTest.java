package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.encore.content.StandardFeatures;
import dev.encore.testing.AudioSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated signals whose features are known without running the extractor. */
class AudioFeatureExtractorTest {
  private static final float RATE = 22_050f;
  /** One FFT bin at 22,050 Hz with 2,048-sample frames. */
  private static final double BIN_HZ = RATE / 2048;
  private final AudioFeatureExtractor extractor = new AudioFeatureExtractor();

  @ParameterizedTest
  @ValueSource(doubles = {440, 1000, 2500, 6000})
  void pureToneSpectralCentroidIsItsFrequency(double frequency) {
    AudioFeatures tone = extractor.extract(AudioSignals.tone(frequency, 0.5, 5, RATE), RATE);

    assertThat(tone.value("spectral_centroid")).isCloseTo((float) frequency, within((float) BIN_HZ));
    // 85% of a tone's magnitude lies within its window's main lobe, two bins either side.
    assertThat(tone.value("spectral_rolloff")).isBetween((float) frequency, (float) (frequency + 2 * BIN_HZ));
    assertThat(tone.value("spectral_bandwidth")).isLessThan((float) (4 * BIN_HZ));
  }

  @Test
  void twoEqualTonesHaveTheirMidpointAsCentroidAndHalfTheirDistanceAsBandwidth() {
    // Tones on bin centres: a periodic Hann window puts each in exactly three bins with
    // magnitudes 1/2, 1, 1/2, so the magnitude spectrum is known by hand.
    int low = 93;
    int high = 279;
    float[] chord = AudioSignals.sum(AudioSignals.tone(low * BIN_HZ, 0.3, 20, RATE),
        AudioSignals.tone(high * BIN_HZ, 0.3, 20, RATE));

    AudioFeatures features = extractor.extract(chord, RATE);

    // Mean of the two lobes: bin 186. Spread: half the distance (93 bins) with each lobe's own
    // variance (1/2 bin^2) added: sqrt(93^2 + 1/2) bins. The few frames at either end, half
    // zero padding, leak and move the means by less than a bin (SpectrumTest checks one frame exactly).
    assertThat(features.value("spectral_centroid")).isCloseTo((float) (186 * BIN_HZ), within((float) BIN_HZ));
    assertThat(features.value("spectral_bandwidth")).isCloseTo((float) (Math.sqrt(93 * 93 + 0.5) * BIN_HZ),
        within((float) BIN_HZ));
    // 85% of the magnitude is reached inside the upper lobe: the first two lobes' bins hold
    // 50%, then 12.5% and 25% more at bins 278 and 279.
    assertThat(features.value("spectral_rolloff")).isCloseTo((float) (high * BIN_HZ), within((float) BIN_HZ));
  }

  @ParameterizedTest
  @CsvSource({"120, 22050", "90, 22050", "120, 44100", "90, 48000", "60, 22050", "75, 22050", "137, 44100",
      "165, 22050"})
  void clickTrackTempoIsItsBeatsPerMinute(double bpm, float sampleRate) {
    AudioFeatures clicks = extractor.extract(AudioSignals.clicks(bpm, 20, sampleRate, 0.13, 7), sampleRate);

    assertThat(clicks.value("tempo")).isCloseTo((float) bpm, within(2f));
    assertThat(clicks.value("beat_strength")).isGreaterThan(0.8f);
  }

  @Test
  void noiseHasWeakBeatStrength() {
    AudioFeatures noise = extractor.extract(AudioSignals.noise(0.3, 10, RATE, 1), RATE);

    assertThat(noise.value("beat_strength")).isLessThan(0.3f);
    // White noise up to 11,025 Hz has its magnitude centroid in the middle of the band.
    assertThat(noise.value("spectral_centroid")).isCloseTo(5512f, within(100f));
  }

  @Test
  void loudnessIsDecibelsFullScaleOfTheRms() {
    AudioFeatures quiet = extractor.extract(AudioSignals.tone(1000, 0.25, 3, RATE), RATE);
    AudioFeatures loud = extractor.extract(AudioSignals.tone(1000, 0.5, 3, RATE), RATE);

    // A sine of amplitude A has RMS A / sqrt 2: 20 log10(0.5 / sqrt 2) = -9.03 dBFS.
    assertThat(loud.value("loudness")).isCloseTo(-9.031f, within(0.01f));
    assertThat(loud.value("loudness") - quiet.value("loudness")).isCloseTo(6.021f, within(0.01f));
    // Frames are mostly full of the tone: mean frame RMS close to the signal's RMS.
    assertThat(loud.value("energy")).isCloseTo((float) (0.5 / Math.sqrt(2)), within(0.01f));
    assertThat(loud.value("energy") / quiet.value("energy")).isCloseTo(2f, within(1e-4f));
  }

  @Test
  void gainShiftsOnlyTheFirstMfcc() {
    float[] noise = AudioSignals.noise(0.1, 4, RATE, 5);
    AudioFeatures base = extractor.extract(noise, RATE);
    AudioFeatures louder = extractor.extract(AudioSignals.scaled(noise, 2), RATE);

    // x2 in amplitude is +6.02 dB in every mel band; the orthonormal DCT's 0th row is 1/sqrt(128).
    float shift = (float) (20 * Math.log10(2) * Math.sqrt(AudioFeatureExtractor.MEL_BANDS));
    assertThat(louder.value("mfcc1") - base.value("mfcc1")).isCloseTo(shift, within(0.01f));
    for (int c = 2; c <= AudioFeatures.MFCC_COUNT; c++) {
      assertThat(louder.value("mfcc" + c)).as("mfcc" + c).isCloseTo(base.value("mfcc" + c), within(0.01f));
      assertThat(louder.value("mfcc" + c + "_var")).isCloseTo(base.value("mfcc" + c + "_var"), within(0.05f));
    }
  }

  @Test
  void silenceGivesDefinedFiniteValues() {
    AudioFeatures silence = extractor.extract(new float[3 * (int) RATE], RATE);

    for (String name : AudioFeatures.NAMES) {
      if (!StandardFeatures.EMOTION_FLAGS.contains(name)) {
        assertThat(silence.value(name)).as(name).isFinite();
      }
    }
    assertThat(silence.value("loudness")).isEqualTo((float) AudioFeatureExtractor.SILENCE_DB);
    assertThat(silence.value("energy")).isZero();
    assertThat(silence.value("tempo")).isZero();
    assertThat(silence.value("beat_strength")).isZero();
    assertThat(silence.value("spectral_centroid")).isZero();
    // Every band at the -100 dB floor: the 0th DCT term is -100 * sqrt(128), the others 0.
    assertThat(silence.value("mfcc1")).isCloseTo((float) (-100 * Math.sqrt(128)), within(1e-3f));
    assertThat(silence.value("mfcc2")).isCloseTo(0f, within(1e-3f));
  }

  @Test
  void emotionFlagsAreMissing() {
    AudioFeatures features = extractor.extract(AudioSignals.clicks(120, 5, RATE, 0, 1), RATE);

    for (String flag : StandardFeatures.EMOTION_FLAGS) {
      assertThat(features.value(flag)).as(flag).isNaN();
    }
    assertThat(AudioFeatures.NAMES.subList(0, StandardFeatures.NAMES.size())).isEqualTo(StandardFeatures.NAMES);
  }

  @Test
  void aToneGivesTheSameFeaturesAtEverySampleRate() {
    AudioFeatures at22 = extractor.extract(AudioSignals.tone(1500, 0.4, 4, 22_050f), 22_050f);
    AudioFeatures at44 = extractor.extract(AudioSignals.tone(1500, 0.4, 4, 44_100f), 44_100f);
    AudioFeatures at48 = extractor.extract(AudioSignals.tone(1500, 0.4, 4, 48_000f), 48_000f);

    for (AudioFeatures other : new AudioFeatures[] {at44, at48}) {
      assertThat(other.value("spectral_centroid")).isCloseTo(at22.value("spectral_centroid"), within(5f));
      assertThat(other.value("loudness")).isCloseTo(at22.value("loudness"), within(0.01f));
      assertThat(other.value("zero_crossing_rate")).isCloseTo(at22.value("zero_crossing_rate"), within(0.002f));
      for (int c = 1; c <= 5; c++) {
        assertThat(other.value("mfcc" + c)).as("mfcc" + c).isCloseTo(at22.value("mfcc" + c), within(1f));
      }
    }
  }

  @Test
  void durationAndRateAreReported() {
    AudioFeatures features = extractor.extract(new float[44_100], 44_100f);

    assertThat(features.durationSeconds()).isEqualTo(1.0);
    assertThat(features.sampleRate()).isEqualTo(44_100f);
  }

  @Test
  void invalidSignalsAreRefused() {
    assertThatThrownBy(() -> extractor.extract(new float[] {0f, Float.NaN}, RATE)).hasMessageContaining("sample 1");
    assertThatThrownBy(() -> extractor.extract(new float[0], RATE)).hasMessageContaining("no samples");
    assertThatThrownBy(() -> extractor.extract(new float[100], 100f)).hasMessageContaining("sample rate");
  }
}
