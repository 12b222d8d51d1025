package dev.backline.plugin.api.errors;

/** The caller is authenticated but not allowed to do this. Answers 403. */
public class NotAllowedError extends BackendError {

    private static final long serialVersionUID = 1L;

    public NotAllowedError(String message) {
        super(message, null);
    }

    public NotAllowedError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 403;
    }
}
