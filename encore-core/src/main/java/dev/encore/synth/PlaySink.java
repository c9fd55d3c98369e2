package dev.encore.synth;

/**
 * Where {@link PlayGenerator} sends its rows, one listener at a time: listener and track are
 * indices (0-based), the play count is in 1..{@link SynthConfig#maxPlayCount()}. Each
 * (listener, track) pair comes at most once.
 */
@FunctionalInterface
public interface PlaySink {
  void accept(int listener, int track, int playCount);
}
