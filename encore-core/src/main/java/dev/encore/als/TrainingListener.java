package dev.encore.als;

/** Hears about training progress; the CLI draws its progress bar from it. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  /** Called once before the first iteration. */
  default void started(AlsConfig config, int users, int items, long entries) {}

  /** Called after each full iteration (both half-steps). */
  default void iterationFinished(IterationStats stats) {}

  /**
   * Called after {@link #iterationFinished} with the factors as they stand (row-major); the next
   * iteration overwrites them, so a listener that keeps them copies them. Its time is not in the
   * iteration's seconds. The benchmark scores every iteration's model from here.
   */
  default void factorsAfterIteration(int iteration, float[] userFactors, float[] itemFactors) {}
}
