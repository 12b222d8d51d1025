package dev.backline.plugin.api.services;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Who stands behind {@link BackstageCredentials}. */
public sealed interface BackstagePrincipal permits BackstagePrincipal.User, BackstagePrincipal.Service,
        BackstagePrincipal.None {

    PrincipalType type();

    /**
     * A signed-in user.
     *
     * @param userEntityRef the user's entity ref, e.g. {@code user:default/jane}
     */
    record User(String userEntityRef) implements BackstagePrincipal {
        public User {
            Objects.requireNonNull(userEntityRef, "userEntityRef");
        }

        @Override
        public PrincipalType type() {
            return PrincipalType.USER;
        }
    }

    /**
     * A service: another plugin ({@code plugin:<pluginId>}) or an external caller (the subject its access
     * configuration gives it).
     *
     * @param accessPlugins the plugins the caller may call, when its access is restricted to some; empty
     *                      means unrestricted
     */
    record Service(String subject, Optional<Set<String>> accessPlugins) implements BackstagePrincipal {
        public Service {
            Objects.requireNonNull(subject, "subject");
            accessPlugins = Objects.requireNonNull(accessPlugins, "accessPlugins").map(Set::copyOf);
        }

        /** An unrestricted service. */
        public Service(String subject) {
            this(subject, Optional.empty());
        }

        @Override
        public PrincipalType type() {
            return PrincipalType.SERVICE;
        }
    }

    /** Nobody: the request carried no credentials. */
    record None() implements BackstagePrincipal {
        @Override
        public PrincipalType type() {
            return PrincipalType.NONE;
        }
    }
}
