package dev.backline.runtime.wiring;

/** Where the backend as a whole is in its life. */
public enum BackendState {
    NOT_STARTED,
    STARTING,
    STARTED,
    /** Start ended with a failure the policy does not allow; readiness stays 503. */
    START_FAILED,
    STOPPING,
    STOPPED
}
