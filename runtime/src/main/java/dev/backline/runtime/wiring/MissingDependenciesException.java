package dev.backline.runtime.wiring;

import java.util.List;

/**
 * A plugin or module could not start because services or extension points it depends on are not there: the ids,
 * so that the one arriving later can start it again.
 */
public final class MissingDependenciesException extends WiringException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public MissingDependenciesException(String message, List<String> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** The ids that were missing. */
    public List<String> missing() {
        return missing;
    }
}
