package dev.encore.server;

/**
 * A request the server refuses, with the HTTP status, a short machine-readable error code and a
 * sentence a person can act on. {@link ErrorResponses} turns it into the one JSON error body.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String error;

  public ApiException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public static ApiException badRequest(String error, String message) {
    return new ApiException(400, error, message);
  }

  public static ApiException invalidParameter(String parameter, Object value, String rule) {
    return new ApiException(400, "invalid_parameter",
        "Parameter '" + parameter + "' = '" + value + "' " + rule + ".");
  }

  public static ApiException notFound(String error, String message) {
    return new ApiException(404, error, message);
  }

  public static ApiException unknownListener(String userId) {
    return notFound("unknown_user", "No listener with id '" + userId
        + "': add them with POST /v1/users or by posting their plays to POST /v1/plays.");
  }

  public static ApiException unknownModel(long version) {
    return notFound("unknown_model", "No model version " + version + ": GET /v1/models lists them.");
  }

  public static ApiException unknownTrack(String trackId) {
    return notFound("unknown_track", "No track with id '" + trackId + "': add it with POST /v1/tracks first.");
  }
}
