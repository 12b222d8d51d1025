package dev.backline.plugin.api.permission;

/** What a permission check answers: Backstage's {@code AuthorizeResult}. */
public enum AuthorizeResult {
    /** The caller may. */
    ALLOW,
    /** The caller may not. */
    DENY,
    /** The caller may for the resources that meet the decision's conditions. */
    CONDITIONAL
}
