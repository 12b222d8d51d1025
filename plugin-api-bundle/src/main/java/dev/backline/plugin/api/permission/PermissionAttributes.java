package dev.backline.plugin.api.permission;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy may know about a permission besides its name: the kind of action it guards.
 *
 * @param action create, read, update or delete; empty when the permission is none of these
 */
public record PermissionAttributes(Optional<Action> action) {

    private static final PermissionAttributes NONE = new PermissionAttributes(Optional.empty());

    /** The actions Backstage's attributes name. */
    public enum Action {
        CREATE, READ, UPDATE, DELETE;

        /** The name as JSON carries it: {@code create}, {@code read}, ... */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The action named {@code value} ({@code read}, ...).
         *
         * @throws IllegalArgumentException naming the value and the known actions
         */
        public static Action parse(String value) {
            for (Action action : values()) {
                if (action.value().equals(value)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("Unknown permission action '" + value
                    + "'; use create, read, update or delete");
        }
    }

    public PermissionAttributes {
        Objects.requireNonNull(action, "action");
    }

    /** No attributes. */
    public static PermissionAttributes none() {
        return NONE;
    }

    /** The attributes of a permission guarding {@code action}. */
    public static PermissionAttributes of(Action action) {
        return new PermissionAttributes(Optional.of(action));
    }
}
