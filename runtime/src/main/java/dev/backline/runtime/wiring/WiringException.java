package dev.backline.runtime.wiring;

/**
 * A rule of the backend system was broken: a registration error, a missing or cyclic dependency, a
 * scope violation, a factory failure. The message names every id involved.
 */
public class WiringException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WiringException(String message) {
        super(message);
    }

    public WiringException(String message, Throwable cause) {
        super(message, cause);
    }
}
