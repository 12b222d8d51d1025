package dev.backline.plugin.api.errors;

/** The resource has not changed since the caller last saw it. Answers 304. */
public class NotModifiedError extends BackendError {

    private static final long serialVersionUID = 1L;

    public NotModifiedError(String message) {
        super(message, null);
    }

    public NotModifiedError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 304;
    }
}
