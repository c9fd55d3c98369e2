package dev.encore.server;

import dev.encore.store.ModelRecord;
import dev.encore.store.Promotion;

/** Where every new ready version goes: served if its promotion says so. {@link ModelLifecycle} is the one. */
@FunctionalInterface
interface Promoter {
  /** Serves {@code prepared} if {@code ready} was promoted; returns the decision. */
  Promotion offer(ModelRecord ready, ServingSnapshot prepared);
}
