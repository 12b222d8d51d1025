package dev.backline.plugin.api.errors;

/**
 * An error with an HTTP status. The {@link #name()} is the class's simple name, as Backstage's error
 * bodies carry it ({@code {"error":{"name":"NotFoundError", ...}}}).
 */
public abstract class BackendError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected BackendError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status this error answers with. */
    public abstract int statusCode();

    /** The error's name in JSON error bodies. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The HTTP status for any throwable: a {@link BackendError}'s own, 500 for anything else. */
    public static int statusCodeOf(Throwable error) {
        return error instanceof BackendError backendError ? backendError.statusCode() : 500;
    }

    /** The name for any throwable in a JSON error body: its class's simple name. */
    public static String nameOf(Throwable error) {
        return error instanceof BackendError backendError ? backendError.name() : error.getClass().getSimpleName();
    }
}
