package dev.backline.plugin.api.errors;

/** The request asks for something the server does not do. Answers 501. */
public class NotImplementedError extends BackendError {

    private static final long serialVersionUID = 1L;

    public NotImplementedError(String message) {
        super(message, null);
    }

    public NotImplementedError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 501;
    }
}
