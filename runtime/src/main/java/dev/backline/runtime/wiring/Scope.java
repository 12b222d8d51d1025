package dev.backline.runtime.wiring;

import java.util.Objects;
import java.util.Optional;

/** Whose instance of a service: the root scope's (one per backend), or one plugin's (shared with its modules). */
public sealed interface Scope permits Scope.Root, Scope.Plugin {

    /** The root scope. */
    Scope ROOT = new Root();

    /** A plugin's scope. */
    static Scope plugin(String pluginId) {
        return new Plugin(pluginId);
    }

    /** The plugin's id; empty for the root scope. */
    Optional<String> pluginId();

    /** The root scope. */
    record Root() implements Scope {
        @Override
        public Optional<String> pluginId() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "root";
        }
    }

    /** One plugin's scope. */
    record Plugin(String id) implements Scope {
        public Plugin {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Optional<String> pluginId() {
            return Optional.of(id);
        }

        @Override
        public String toString() {
            return "plugin '" + id + "'";
        }
    }
}
