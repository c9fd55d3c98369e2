package dev.encore.eval;

import dev.encore.data.Interactions;
import java.util.Objects;

/**
 * A training half and a held-out test half over the same users and items, so a dense user or
 * item index means the same thing in both and a model trained on {@code train} can be scored
 * against {@code test} directly.
 */
public record Split(Interactions train, Interactions test) {

  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Arguments.requireSameIds("train", train.users(), "test", test.users());
    Arguments.requireSameIds("train", train.items(), "test", test.items());
  }
}
