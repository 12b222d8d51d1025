package dev.backline.plugin.api.errors;

/** The request body is of a content type the route does not take (a JSON route refuses text/plain, which any web page may send without a CORS preflight). Answers 415. */
public class UnsupportedMediaTypeError extends BackendError {

    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeError(String message) {
        super(message, null);
    }

    public UnsupportedMediaTypeError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int statusCode() {
        return 415;
    }
}
