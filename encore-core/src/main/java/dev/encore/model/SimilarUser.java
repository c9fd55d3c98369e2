package dev.encore.model;

/** An external user ID with its cosine similarity to the query user. */
public record SimilarUser(String userId, float score) {}
