package dev.encore.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One system's figures as the report shows them: what its child measured, plus the work one
 * iteration needs by {@link IterationCost}'s formulas and how much of the machine's peak that is.
 *
 * @param figures the child's measurements (flattened into this object in JSON)
 * @param solver the algorithm the cost formula assumed
 * @param flopsPerIteration floating-point operations one iteration needs
 * @param bytesPerIteration bytes one iteration moves at least
 * @param achievedGflops flopsPerIteration / secondsPerIteration, in GFLOP/s
 * @param fractionOfPeak achieved over the nominal peak GFLOP/s
 * @param fractionOfBandwidth bytes per second achieved over the measured triad bandwidth
 */
public record SystemReport(
    @JsonUnwrapped ChildFigures figures,
    String solver,
    double flopsPerIteration,
    double bytesPerIteration,
    double achievedGflops,
    double fractionOfPeak,
    double fractionOfBandwidth) {

  /** Adds the cost figures for {@code figures}' problem under {@code settings}. */
  public static SystemReport of(ChildFigures figures, RunSettings settings, double peakGflops,
      double bandwidthBytesPerSecond) {
    BenchedSystem system = figures.system();
    IterationCost cost = settings.cost(system, figures.shape());
    double seconds = figures.secondsPerIteration();
    String solver = settings.solverDescription(system);
    return new SystemReport(figures, solver, cost.flops(), cost.bytes(), cost.flops() / seconds / 1e9,
        cost.fractionOfPeak(seconds, peakGflops * 1e9), cost.fractionOfBandwidth(seconds, bandwidthBytesPerSecond));
  }
}
