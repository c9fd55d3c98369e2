package dev.encore.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The training runs the benchmark compares, each in its own child JVM: Encore with its default
 * (unscaled) regularisation, Encore with Spark's ALS-WR scaling so the quality comparison is of
 * one objective, and Spark MLlib's ALS.
 */
public enum BenchedSystem {
  ENCORE("encore"),
  ENCORE_WR("encore-wr"),
  SPARK("spark");

  private final String label;

  BenchedSystem(String label) {
    this.label = label;
  }

  /** The name in reports and JSON. */
  public String label() {
    return label;
  }

  public boolean isEncore() {
    return this != SPARK;
  }

  /** The JVM flags this system's child needs besides the heap size. */
  public List<String> jvmFlags() {
    // The Vector API module is harmless when unused and lets Encore's and netlib's Java kernels use it.
    List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
    if (!isEncore()) {
      return concat(vector, SparkModuleOpens.FLAGS);
    }
    return vector;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return label;
  }
}
