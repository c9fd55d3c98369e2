package dev.encore.popular;

/** What makes an item popular: how many people listen to it, or how often it is played. */
public enum PopularityMeasure {
  /** The number of distinct users with at least one entry for the item. */
  LISTENERS,
  /** The sum of the item's values: total plays for play counts. */
  PLAYS
}
