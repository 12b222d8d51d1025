package dev.backline.plugin.api.errors;

/** The request conflicts with the current state. Answers 409. */
public class ConflictError extends BackendError {

    private static final long serialVersionUID = 1L;

    public ConflictError(String message) {
        super(message, null);
    }

    public ConflictError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 409;
    }
}
