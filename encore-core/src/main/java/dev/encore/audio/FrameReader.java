package dev.encore.audio;

import java.io.IOException;
import java.util.Arrays;

/**
 * Streams centred frames from a {@link SampleSource}, as librosa's {@code center=True} with
 * zero padding: frame t covers samples [t*hop - frame/2, t*hop + frame/2), samples outside the
 * signal are 0, and a signal of n samples gives 1 + n / hop frames. Only one frame is held in
 * memory, so hour-long files stream. Also keeps the count and sum of squares of every sample read.
 */
final class FrameReader {
  private final SampleSource source;
  private final int frameLength;
  private final int hopLength;
  private final float[] frame;
  private long frameIndex = -1;
  private long samplesRead;
  private double sumOfSquares;
  private boolean ended;

  FrameReader(SampleSource source, Framing framing) {
    this.source = source;
    this.frameLength = framing.frameLength();
    this.hopLength = framing.hopLength();
    this.frame = new float[frameLength];
  }

  /** Moves to the next frame; false when the signal has no more. */
  boolean next() throws IOException {
    if (frameIndex < 0) {
      fill(frameLength / 2, frameLength);
      if (samplesRead == 0) {
        return false;
      }
      frameIndex = 0;
      return true;
    }
    long candidate = frameIndex + 1;
    System.arraycopy(frame, hopLength, frame, 0, frameLength - hopLength);
    fill(frameLength - hopLength, frameLength);
    if (ended && candidate * hopLength > samplesRead) {
      return false;
    }
    frameIndex = candidate;
    return true;
  }

  /** The current frame's samples; overwritten by {@link #next()}. */
  float[] frame() {
    return frame;
  }

  long samplesRead() {
    return samplesRead;
  }

  double sumOfSquares() {
    return sumOfSquares;
  }

  /** Reads into frame[from, to), zeros once the source has ended. */
  private void fill(int from, int to) throws IOException {
    int at = from;
    while (at < to && !ended) {
      int count = source.read(frame, at, to - at);
      if (count < 0) {
        ended = true;
        break;
      }
      for (int i = at; i < at + count; i++) {
        sumOfSquares += (double) frame[i] * frame[i];
      }
      samplesRead += count;
      at += count;
    }
    Arrays.fill(frame, at, to, 0f);
  }
}
