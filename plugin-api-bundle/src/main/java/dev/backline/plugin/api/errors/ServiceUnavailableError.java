package dev.backline.plugin.api.errors;

/** The service cannot answer now, for example while it starts or shuts down. Answers 503. */
public class ServiceUnavailableError extends BackendError {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableError(String message) {
        super(message, null);
    }

    public ServiceUnavailableError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 503;
    }
}
