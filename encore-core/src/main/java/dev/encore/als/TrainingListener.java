package dev.encore.als;

/** Hears about training progress; the CLI draws its progress bar from it. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  /** Called once before the first iteration. */
  default void started(AlsConfig config, int users, int items, long entries) {}

  /** Called after each full iteration (both half-steps). */
  default void iterationFinished(IterationStats stats) {}
}
