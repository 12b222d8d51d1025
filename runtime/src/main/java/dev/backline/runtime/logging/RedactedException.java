package dev.backline.runtime.logging;

/**
 * Stands in, in a log line, for a throwable whose message held a secret. It carries the original class
 * name at the start of its message (log printers show this class's name, not the original's) and the
 * original stack trace; its causes and suppressed throwables are stand-ins too.
 */
public final class RedactedException extends RuntimeException {

    private final String originalClassName;

    RedactedException(String originalClassName, String redactedMessage, StackTraceElement[] stackTrace) {
        super(redactedMessage == null ? originalClassName : originalClassName + ": " + redactedMessage);
        this.originalClassName = originalClassName;
        setStackTrace(stackTrace);
    }

    /** The fully qualified class name of the throwable this one stands in for. */
    public String originalClassName() {
        return originalClassName;
    }
}
