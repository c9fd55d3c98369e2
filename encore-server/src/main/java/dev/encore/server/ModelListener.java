package dev.encore.server;

/**
 * How the serving model places a listener: by the factors folded in from their newest plays, or,
 * when nothing was folded in since the model was trained, by their trained row. ALS and the
 * hybrid rank from either.
 *
 * @param folded the folded-in state, or null for the trained row
 */
record ModelListener(FoldedListener folded) {
  private static final ModelListener TRAINED_ROW = new ModelListener(null);

  /** The listener's place in the snapshot's model (which must exist), or null when it has none. */
  static ModelListener place(ServingView view, String userId) {
    FoldedListener folded = view.folded(userId);
    if (folded != null) {
      return folded.hasVector() ? new ModelListener(folded) : null;
    }
    return view.snapshot().model().users().contains(userId) ? TRAINED_ROW : null;
  }

  boolean isFolded() {
    return folded != null;
  }
}
