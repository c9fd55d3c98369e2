package dev.encore.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FrameReaderTest {
  /** A small framing so short signals cover every edge case: frame 8, hop 3. */
  private static final Framing SMALL = new Framing(22_050f, 8, 3);

  @Property(tries = 60)
  void framesAreCentredZeroPaddedAndOnePlusLengthOverHop(@ForAll @IntRange(min = 1, max = 40) int length,
      @ForAll @IntRange(min = 1, max = 7) int chunk) throws IOException {
    float[] signal = new float[length];
    for (int n = 0; n < length; n++) {
      signal[n] = n + 1;
    }
    FrameReader frames = new FrameReader(inChunks(signal, chunk), SMALL);

    int count = 0;
    while (frames.next()) {
      for (int i = 0; i < SMALL.frameLength(); i++) {
        int at = count * SMALL.hopLength() - SMALL.frameLength() / 2 + i;
        float expected = at >= 0 && at < length ? signal[at] : 0f;
        assertThat(frames.frame()[i]).as("frame %d sample %d", count, i).isEqualTo(expected);
      }
      count++;
    }

    assertThat(count).isEqualTo(1 + length / SMALL.hopLength());
    assertThat(frames.samplesRead()).isEqualTo(length);
    double squares = 0;
    for (float sample : signal) {
      squares += sample * sample;
    }
    assertThat(frames.sumOfSquares()).isEqualTo(squares);
  }

  /** A source that hands out at most {@code chunk} samples a read, as a decoder may. */
  private static SampleSource inChunks(float[] signal, int chunk) {
    SampleSource whole = SampleSource.of(signal, 22_050f);
    return new SampleSource() {
      @Override
      public float sampleRate() {
        return whole.sampleRate();
      }

      @Override
      public int read(float[] buffer, int offset, int length) throws IOException {
        return whole.read(buffer, offset, Math.min(length, chunk));
      }
    };
  }
}
