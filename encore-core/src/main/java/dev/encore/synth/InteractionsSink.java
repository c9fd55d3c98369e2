package dev.encore.synth;

import dev.encore.data.InteractionsBuilder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link PlaySink} that adds each row to an {@link InteractionsBuilder} under the generator's
 * external IDs ({@code u0000123}, {@code t000045}), interning each ID once. The builder's ID
 * builders may be shared with other data.
 */
public final class InteractionsSink implements PlaySink {
  private final InteractionsBuilder builder;
  private final PlayGenerator ids;
  private final int[] itemIndexOfTrack;
  private int lastListener = -1;
  private int lastUserIndex = -1;

  public InteractionsSink(InteractionsBuilder builder, PlayGenerator ids) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.itemIndexOfTrack = new int[ids.config().tracks()];
    Arrays.fill(itemIndexOfTrack, -1);
  }

  @Override
  public void accept(int listener, int track, int playCount) {
    // Rows come one listener at a time, so remembering the last listener interns each once.
    if (listener != lastListener) {
      lastUserIndex = builder.users().intern(ids.listenerId(listener));
      lastListener = listener;
    }
    if (itemIndexOfTrack[track] < 0) {
      itemIndexOfTrack[track] = builder.items().intern(ids.trackId(track));
    }
    builder.addIndexed(lastUserIndex, itemIndexOfTrack[track], playCount);
  }
}
