package dev.backline.runtime.http;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.HttpAuthPolicy;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * Default-deny in front of every plugin route, before routing: a request needs a user's or a service's
 * credentials unless the plugin opened its path with {@code addAuthPolicy} ({@code UNAUTHENTICATED}: anyone;
 * {@code USER_COOKIE}: as any other path here, until user sign-in exists). An unknown path of a plugin is
 * refused like any other without credentials (401) and answered 404 with them, so paths cannot be probed.
 * {@code backend.auth.dangerouslyDisableDefaultAuthPolicy} turns it off.
 */
public final class CredentialsBarrier {

    private final BooleanSupplier disabled;
    private final Function<String, Optional<HttpAuthService>> httpAuth;

    /**
     * @param disabled whether {@code backend.auth.dangerouslyDisableDefaultAuthPolicy} is true
     * @param httpAuth the {@code core.httpAuth} of a plugin, by plugin id, if any is installed
     */
    public CredentialsBarrier(BooleanSupplier disabled, Function<String, Optional<HttpAuthService>> httpAuth) {
        this.disabled = disabled;
        this.httpAuth = httpAuth;
    }

    /**
     * Lets the request through (returns normally) or throws the error to answer.
     *
     * @param path the request path within the plugin, e.g. {@code /entities}
     * @throws dev.backline.plugin.api.errors.AuthenticationError without valid credentials (401)
     * @throws ServiceUnavailableError when no authentication service is installed (503): the barrier fails closed
     */
    void check(String pluginId, HttpServletRequest request, String path, List<HttpAuthPolicy> policies) {
        if (disabled.getAsBoolean() || opens(policies, path, HttpAuthPolicy.Allow.UNAUTHENTICATED)) {
            return;
        }
        HttpAuthService auth = httpAuth.apply(pluginId).orElseThrow(() -> new ServiceUnavailableError(
                "No authentication service (core.httpAuth) is installed, so plugin routes refuse every request;"
                        + " install dev.backline.auth, or set backend.auth.dangerouslyDisableDefaultAuthPolicy"));
        auth.credentials(request, PrincipalType.USER, PrincipalType.SERVICE);
    }

    /** Whether a policy of {@code kind} covers {@code path}: a prefix match by whole segments, "/" covers all. */
    static boolean opens(List<HttpAuthPolicy> policies, String path, HttpAuthPolicy.Allow kind) {
        for (HttpAuthPolicy policy : policies) {
            if (policy.allow() == kind && covers(policy.path(), path)) {
                return true;
            }
        }
        return false;
    }

    static boolean covers(String policyPath, String path) {
        String prefix = Mount.normalize(policyPath);
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
