package dev.encore.server;

/** The body of every error answer: a short code for programs and a sentence for people. */
public record ErrorBody(String error, String message) {}
