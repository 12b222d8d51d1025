package dev.backline.plugin.api.errors;

/** The request was malformed or invalid. Answers 400. */
public class InputError extends BackendError {

    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message, null);
    }

    public InputError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 400;
    }
}
