package dev.backline.testkit;

import java.util.Objects;

/**
 * Tokens that the test backend's mock {@code core.auth} accepts, to call routes as a user or a service (Backstage's
 * {@code mockCredentials}). Use them as {@code Authorization: Bearer <token>}, or through {@link TestHttp#as}.
 */
public final class MockCredentials {

    static final String USER_PREFIX = "mock-user-token:";
    static final String SERVICE_PREFIX = "mock-service-token:";

    /** The user the kit acts as when no other is named. */
    public static final String DEFAULT_USER = "user:default/mock";

    private MockCredentials() {
    }

    /** A token of the user {@value #DEFAULT_USER}. */
    public static String user() {
        return user(DEFAULT_USER);
    }

    /** A token of a user, by entity ref, e.g. {@code user:default/alice}. */
    public static String user(String userEntityRef) {
        return USER_PREFIX + Objects.requireNonNull(userEntityRef, "userEntityRef");
    }

    /** A token of a service, by subject, e.g. {@code plugin:catalog} or {@code external:ci}. */
    public static String service(String subject) {
        return SERVICE_PREFIX + Objects.requireNonNull(subject, "subject");
    }
}
