package dev.encore.server;

import io.javalin.security.RouteRole;

/** What a route does, which decides whether it needs the API key. */
public enum Access implements RouteRole {
  /** Reads: open unless the server is configured with keyed reads. */
  READ,
  /** Writes and admin actions: always need the key. */
  WRITE
}
