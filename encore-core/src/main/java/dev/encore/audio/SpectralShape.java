package dev.encore.audio;

/**
 * Where a frame's magnitude spectrum sits, as librosa's spectral features compute it on the
 * magnitude (not power) spectrum: the centroid (magnitude-weighted mean frequency), the rolloff
 * (the lowest bin frequency below which a given share of the magnitude lies) and the bandwidth
 * (the magnitude-weighted standard deviation around the centroid, librosa's p = 2). A silent
 * frame has all three 0, as in librosa. Only bins up to {@link Framing#bandBins()} count.
 */
record SpectralShape(double centroid, double rolloff, double bandwidth) {

  static SpectralShape of(double[] magnitude, Framing framing, double rolloffShare) {
    int bins = framing.bandBins();
    double total = 0;
    double weightedFrequency = 0;
    for (int bin = 0; bin < bins; bin++) {
      total += magnitude[bin];
      weightedFrequency += magnitude[bin] * framing.binFrequency(bin);
    }
    if (total <= 0) {
      return new SpectralShape(0, 0, 0);
    }
    double centroid = weightedFrequency / total;
    double threshold = rolloffShare * total;
    double cumulative = 0;
    double rolloff = framing.binFrequency(bins - 1);
    double spread = 0;
    boolean rolloffFound = false;
    for (int bin = 0; bin < bins; bin++) {
      double frequency = framing.binFrequency(bin);
      cumulative += magnitude[bin];
      if (!rolloffFound && cumulative >= threshold) {
        rolloff = frequency;
        rolloffFound = true;
      }
      double distance = frequency - centroid;
      spread += magnitude[bin] * distance * distance;
    }
    return new SpectralShape(centroid, rolloff, Math.sqrt(spread / total));
  }
}
