package dev.encore.model;

/** A dense item (or user) index with its score. */
public record ScoredItem(int index, float score) {}
