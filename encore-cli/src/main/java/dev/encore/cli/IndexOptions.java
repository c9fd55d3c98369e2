package dev.encore.cli;

import dev.encore.index.IndexPolicy;
import picocli.CommandLine.Option;

/** When a model gets an approximate index, and when the index may answer (train, serve). */
final class IndexOptions {
  @Option(names = "--index-min-tracks", paramLabel = "N",
      description = "Build an approximate index for recommendations and similar tracks when the catalogue has at"
          + " least N tracks; below it every track is scored, which is fast enough (default: ${DEFAULT-VALUE}).")
  int minTracks = IndexPolicy.DEFAULT.minItems();

  @Option(names = "--index-min-recall", paramLabel = "R",
      description = "Serve through the index only if its measured recall@10 against exact scoring is at least R;"
          + " otherwise score every track and say why (default: ${DEFAULT-VALUE}).")
  double minRecall = IndexPolicy.DEFAULT.minRecall();

  IndexPolicy policy() {
    return new IndexPolicy(minTracks, minRecall);
  }
}
