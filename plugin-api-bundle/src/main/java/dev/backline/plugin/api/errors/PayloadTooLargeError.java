package dev.backline.plugin.api.errors;

/** The request body is larger than the server accepts. Answers 413. */
public class PayloadTooLargeError extends BackendError {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeError(String message) {
        super(message, null);
    }

    public PayloadTooLargeError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 413;
    }
}
