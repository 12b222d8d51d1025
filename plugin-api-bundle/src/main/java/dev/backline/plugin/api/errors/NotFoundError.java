package dev.backline.plugin.api.errors;

/** What was asked for does not exist. Answers 404. */
public class NotFoundError extends BackendError {

    private static final long serialVersionUID = 1L;

    public NotFoundError(String message) {
        super(message, null);
    }

    public NotFoundError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 404;
    }
}
