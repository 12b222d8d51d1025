package dev.backline.plugin.api.permission;

import java.util.Objects;

/**
 * A permission policy's answer: {@link Definitive} (ALLOW or DENY) or {@link Conditional} (allowed for the
 * resources that meet conditions the owning plugin checks with its rules).
 */
public sealed interface PolicyDecision permits PolicyDecision.Definitive, PolicyDecision.Conditional {

    AuthorizeResult result();

    static Definitive allow() {
        return Definitive.ALLOW;
    }

    static Definitive deny() {
        return Definitive.DENY;
    }

    /** Allowed for the resources of {@code resourceRef}'s type that meet {@code conditions}. */
    static Conditional conditional(PermissionResourceRef<?, ?> resourceRef,
            PermissionCriteria<PermissionCondition> conditions) {
        return new Conditional(resourceRef.pluginId(), resourceRef.resourceType(), conditions);
    }

    /** ALLOW or DENY. */
    record Definitive(AuthorizeResult result) implements PolicyDecision {

        static final Definitive ALLOW = new Definitive(AuthorizeResult.ALLOW);
        static final Definitive DENY = new Definitive(AuthorizeResult.DENY);

        public Definitive {
            if (result != AuthorizeResult.ALLOW && result != AuthorizeResult.DENY) {
                throw new IllegalArgumentException("A definitive decision is ALLOW or DENY, not " + result);
            }
        }

        public boolean allowed() {
            return result == AuthorizeResult.ALLOW;
        }
    }

    /**
     * Allowed where {@code conditions} hold for the resource; the rules they name are those of plugin
     * {@code pluginId} for {@code resourceType}.
     */
    record Conditional(String pluginId, String resourceType, PermissionCriteria<PermissionCondition> conditions)
            implements PolicyDecision {

        public Conditional {
            Names.require(pluginId, "The plugin id of a conditional decision");
            Names.require(resourceType, "The resource type of a conditional decision");
            Objects.requireNonNull(conditions, "conditions");
        }

        @Override
        public AuthorizeResult result() {
            return AuthorizeResult.CONDITIONAL;
        }
    }
}
