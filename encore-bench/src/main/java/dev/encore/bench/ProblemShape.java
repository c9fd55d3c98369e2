package dev.encore.bench;

/**
 * The size of one training problem: users, items and observed (user, item) entries of the
 * matrix a system was trained on.
 */
public record ProblemShape(long users, long items, long nnz) {

  public ProblemShape {
    if (users < 0 || items < 0 || nnz < 0) {
      throw new IllegalArgumentException("shape " + users + " x " + items + ", nnz " + nnz + " must not be negative");
    }
  }

  /** Rows solved per iteration: every item in one half-step, every user in the other. */
  long rows() {
    return users + items;
  }
}
