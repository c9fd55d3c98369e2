package dev.encore.model;

/** An external item ID with its score. */
public record Recommendation(String itemId, float score) {}
