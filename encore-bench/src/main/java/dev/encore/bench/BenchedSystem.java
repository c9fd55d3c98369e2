package dev.encore.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The training runs the benchmark compares, each in its own child JVM: Encore with its default
 * (unscaled) regularisation, Encore with Spark's ALS-WR scaling so the quality comparison is of
 * one objective, Encore's solver distributed by encore-spark (the default objective, in Spark's
 * local mode), Spark MLlib's ALS, and implicit (the Python iALS library most single-node users
 * would pick), which runs in its own Python process rather than a child JVM.
 */
public enum BenchedSystem {
  ENCORE("encore"),
  ENCORE_WR("encore-wr"),
  ENCORE_SPARK("encore-spark"),
  SPARK("spark"),
  IMPLICIT("implicit");

  private final String label;

  BenchedSystem(String label) {
    this.label = label;
  }

  /** The name in reports and JSON. */
  public String label() {
    return label;
  }

  /** Whether Encore's solver trains it (everything but the peers Spark MLlib and implicit). */
  public boolean isEncore() {
    return this == ENCORE || this == ENCORE_WR || this == ENCORE_SPARK;
  }

  /** Whether lambda is scaled by each row's count (ALS-WR), which makes it a different objective. */
  public boolean scalesRegularization() {
    return this == ENCORE_WR || this == SPARK;
  }

  /** Whether it runs on Spark and so needs Spark's module opens. */
  public boolean needsSpark() {
    return this == SPARK || this == ENCORE_SPARK;
  }

  /** The JVM flags this system's child needs besides the heap size. */
  public List<String> jvmFlags() {
    // The Vector API module is harmless when unused and lets Encore's and netlib's Java kernels use it.
    List<String> vector = List.of("--add-modules", "jdk.incubator.vector");
    if (needsSpark()) {
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
