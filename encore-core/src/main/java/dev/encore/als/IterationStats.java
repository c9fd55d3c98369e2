package dev.encore.als;

/**
 * One finished iteration: its number (1-based), the wall time of its two half-steps, and the
 * training loss after it (NaN unless {@link AlsConfig#computeLoss()} was set).
 */
public record IterationStats(int iteration, int iterations, double seconds, double loss) {}
