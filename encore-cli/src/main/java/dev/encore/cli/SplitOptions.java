package dev.encore.cli;

import dev.encore.data.IdIndex;
import dev.encore.data.InteractionsBuilder;
import dev.encore.eval.LeaveKOutSplitter;
import dev.encore.eval.RandomSplitter;
import dev.encore.eval.Split;
import dev.encore.eval.Splitter;
import dev.encore.eval.TemporalSplitter;
import dev.encore.eval.UserRatioSplitter;
import dev.encore.io.ReadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** A ready train/test pair of files, or how to split {@code --data} into one. */
final class SplitOptions {
  @Option(names = "--train", paramLabel = "FILE", description = "Ready training file (with --test), read like --data.")
  Path train;

  @Option(names = "--test", paramLabel = "FILE", description = "Ready test file (with --train).")
  Path test;

  @Option(names = "--split", paramLabel = "KIND",
      description = "How to split --data: random (per interaction), ratio (per user), leave-k-out, temporal (default: ${DEFAULT-VALUE}).")
  String split = "random";

  @Option(names = "--test-fraction", description = "Share of interactions held out (default: ${DEFAULT-VALUE}).")
  double testFraction = 0.2;

  @Option(names = "--leave-k", description = "Entries held out per user for leave-k-out (default: ${DEFAULT-VALUE}).")
  int leaveK = 1;

  @Option(names = "--split-seed", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
  long splitSeed = 1;

  Split load(DatasetOptions dataset, PrintWriter out) throws IOException {
    if ((train == null) != (test == null)) {
      throw new IllegalArgumentException("--train and --test go together");
    }
    if (train != null) {
      if (dataset.isSet()) {
        throw new IllegalArgumentException("give either --data (to split) or --train and --test, not both");
      }
      IdIndex.Builder users = new IdIndex.Builder("user");
      IdIndex.Builder items = new IdIndex.Builder("item");
      InteractionsBuilder trainRows = new InteractionsBuilder(users, items);
      InteractionsBuilder testRows = new InteractionsBuilder(users, items);
      ReadSummary trainSummary = dataset.readInto(train, trainRows);
      ReadSummary testSummary = dataset.readInto(test, testRows);
      out.println(trainSummary);
      out.println(testSummary);
      return new Split(trainRows.build(), testRows.build());
    }
    var data = dataset.load();
    out.println(data.summary());
    return splitter().split(data.interactions());
  }

  Splitter splitter() {
    return switch (split.toLowerCase(Locale.ROOT)) {
      case "random" -> new RandomSplitter(testFraction, splitSeed);
      case "ratio" -> new UserRatioSplitter(testFraction, splitSeed);
      case "leave-k-out" -> LeaveKOutSplitter.random(leaveK, splitSeed);
      case "leave-latest" -> LeaveKOutSplitter.latest(leaveK);
      case "temporal" -> new TemporalSplitter(testFraction);
      default -> throw new IllegalArgumentException(
          "--split '" + split + "' is not one of random, ratio, leave-k-out, leave-latest, temporal");
    };
  }
}
