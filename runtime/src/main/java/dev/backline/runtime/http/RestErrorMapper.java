package dev.backline.runtime.http;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.backline.plugin.api.errors.BackendError;

/**
 * Every exception out of a REST resource becomes Backstage's JSON error body: a {@link BackendError} keeps its
 * status and name, Jersey's own (404 no such path, 405, 406, 415) and JSON that cannot be read (400) are named
 * like Backstage's, anything else is a 500 whose text stays in the log.
 */
final class RestErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(RestErrorMapper.class);

    private static final Map<Integer, String> NAMES = Map.of(
            400, "InputError", 401, "AuthenticationError", 403, "NotAllowedError", 404, "NotFoundError",
            405, "MethodNotAllowedError", 406, "NotAcceptableError", 409, "ConflictError", 413, "PayloadTooLargeError",
            415, "UnsupportedMediaTypeError", 503, "ServiceUnavailableError");

    private final String owner;

    @Context
    private HttpServletRequest request;

    RestErrorMapper(String owner) {
        this.owner = owner;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable error = ErrorResponses.effective(thrown);
        if (error instanceof WebApplicationException web && !(error instanceof BackendError)) {
            int status = web.getResponse().getStatus();
            return json(status, NAMES.getOrDefault(status, "Error"), messageFor(web, status));
        }
        if (error instanceof JsonProcessingException unreadable) {
            return json(400, "InputError", "Invalid JSON: " + unreadable.getOriginalMessage());
        }
        int status = BackendError.statusCodeOf(error);
        if (status >= 500) {
            LOG.error("Request " + request.getMethod() + " " + request.getRequestURI() + " failed in " + owner, error);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponses.errorBody(request, status, error)).build();
    }

    /** Jersey's own refusals say only "HTTP 404 Not Found"; these say what was asked. */
    private String messageFor(WebApplicationException web, int status) {
        String call = request.getMethod() + " " + request.getRequestURI();
        return switch (status) {
            case 404 -> web instanceof jakarta.ws.rs.NotFoundException ? "No handler for " + call : web.getMessage();
            case 405 -> "Method " + request.getMethod() + " is not allowed for " + request.getRequestURI();
            case 406 -> "No representation of " + request.getRequestURI() + " matches Accept: " + request.getHeader("Accept");
            case 415 -> "Content type " + request.getContentType() + " is not accepted by " + call;
            default -> web.getMessage();
        };
    }

    private Response json(int status, String name, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponses.errorBody(request, status, name, message == null ? "" : message, null)).build();
    }
}
