package dev.backline.runtime.wiring;

/**
 * Why a plugin or module did not start, and whether the boot-failure policy allowed it.
 *
 * @param error   the cause
 * @param allowed true under {@code continue}: the backend starts anyway
 */
public record StartupFailure(Throwable error, boolean allowed) {
}
