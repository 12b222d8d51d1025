package dev.backline.plugin.api.services;

/** Who a request or a call comes from, as {@link BackstageCredentials} say: Backstage's principal types. */
public enum PrincipalType {
    /** A signed-in user. */
    USER,
    /** Another plugin, or an external caller with a service token. */
    SERVICE,
    /** Nobody: no credentials were given. */
    NONE
}
