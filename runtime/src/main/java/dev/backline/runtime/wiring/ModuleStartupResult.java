package dev.backline.runtime.wiring;

import java.util.Optional;

/** How one module started. */
public record ModuleStartupResult(String moduleId, Optional<StartupFailure> failure) {
}
