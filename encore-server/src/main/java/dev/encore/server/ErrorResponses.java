package dev.encore.server;

import dev.encore.data.UnknownIdException;
import dev.encore.store.UnknownTrackException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place errors become answers: a status and an {@link ErrorBody}, whatever went wrong. */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void register(Javalin app) {
    app.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.error(), e.getMessage()));
    app.exception(UnknownTrackException.class, (e, ctx) -> answer(ctx, 404, "unknown_track", "Track '"
        + e.trackId() + "' is not in the catalogue: add it with POST /v1/tracks first. Nothing of this batch was stored."));
    app.exception(UnknownIdException.class, (e, ctx) -> {
      ApiException notFound = e.kind().equals("user") ? ApiException.unknownListener(e.id()) : ApiException.unknownTrack(e.id());
      answer(ctx, 404, notFound.error(), notFound.getMessage());
    });
    app.exception(IllegalArgumentException.class, (e, ctx) -> answer(ctx, 400, "invalid_request", e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), codeOf(e.getStatus()),
        messageOf(e.getStatus(), ctx)));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      answer(ctx, 500, "internal_error", "The server failed to answer this request (" + e.getClass().getSimpleName()
          + ", logged); try again, and report it if it keeps happening.");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        answer(ctx, 404, "not_found", messageOf(404, ctx));
      }
    });
    app.error(405, ctx -> answer(ctx, 405, "method_not_allowed", messageOf(405, ctx)));
  }

  static void answer(Context ctx, int status, String error, String message) {
    ctx.status(status).json(new ErrorBody(error, message));
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      default -> status >= 500 ? "server_error" : "bad_request";
    };
  }

  private static String messageOf(int status, Context ctx) {
    return switch (status) {
      case 404 -> "There is no " + ctx.method() + " " + ctx.path() + ": see /openapi.json for the endpoints.";
      case 405 -> ctx.method() + " is not allowed on " + ctx.path() + ": see /openapi.json for the methods it takes.";
      case 413 -> "The request body is too large: split it into smaller batches.";
      default -> "The request could not be handled (HTTP " + status + ").";
    };
  }
}
