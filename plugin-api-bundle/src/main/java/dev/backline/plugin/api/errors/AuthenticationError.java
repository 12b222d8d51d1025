package dev.backline.plugin.api.errors;

/** The caller's credentials are missing or invalid. Answers 401. */
public class AuthenticationError extends BackendError {

    private static final long serialVersionUID = 1L;

    public AuthenticationError(String message) {
        super(message, null);
    }

    public AuthenticationError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 401;
    }
}
