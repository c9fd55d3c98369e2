package dev.encore.server;

/** A listener to create: just the ID. */
record UserRequest(String id) {
  UserRequest {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Field 'id' is required and must not be blank.");
    }
  }
}
