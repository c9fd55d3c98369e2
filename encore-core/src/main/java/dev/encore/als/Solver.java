package dev.encore.als;

import java.util.Locale;

/** How each row's least-squares problem is solved. */
public enum Solver {
  /** Conjugate gradient warm-started from the previous factors (Takacs, Pilaszy, Tikk 2011). */
  CG,
  /** The exact solution by Cholesky factorisation of the normal equations. */
  CHOLESKY,
  /**
   * One sweep of exact solves over blocks of {@link AlsConfig#blockSize()} factors, warm-started
   * (Rendle et al. 2021, "iALS++"): for large k, where the exact solve's k^3 dominates.
   */
  SUBSPACE;

  public static Solver parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "cg", "conjugate-gradient" -> CG;
      case "cholesky", "exact" -> CHOLESKY;
      case "subspace", "ials++" -> SUBSPACE;
      default -> throw new IllegalArgumentException("solver '" + name + "' is not one of cg, cholesky, subspace");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
