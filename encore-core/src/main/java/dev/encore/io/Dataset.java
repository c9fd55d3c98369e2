package dev.encore.io;

import dev.encore.data.Interactions;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset as read from files: the interactions, the display name of each item that has one
 * (external item ID to title or artist name; empty when the source has no names) and what the
 * read saw.
 */
public record Dataset(Interactions interactions, Map<String, String> itemNames, ReadSummary summary) {

  public Dataset {
    Objects.requireNonNull(interactions, "interactions");
    itemNames = Map.copyOf(itemNames);
    Objects.requireNonNull(summary, "summary");
  }

  /** The display name of an item, or its external ID when the source named none. */
  public String nameOf(String itemId) {
    return itemNames.getOrDefault(itemId, itemId);
  }
}
