package dev.backline.auth.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.AuthService;
import dev.backline.plugin.api.services.BackstageCredentials;
import dev.backline.plugin.api.services.HttpAuthService;
import dev.backline.plugin.api.services.PrincipalType;

/**
 * One plugin's {@code core.httpAuth}: the credentials of a request from its {@code Authorization: Bearer}
 * header, established once per request (the credentials barrier asks first, the plugin's handler again).
 */
final class DefaultHttpAuthService implements HttpAuthService {

    private static final Pattern BEARER = Pattern.compile("^Bearer +(\\S+)$", Pattern.CASE_INSENSITIVE);
    private static final String ATTRIBUTE = DefaultHttpAuthService.class.getName() + ".credentials";

    private final AuthService auth;

    DefaultHttpAuthService(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public BackstageCredentials credentials(HttpServletRequest request, PrincipalType... allow) {
        BackstageCredentials credentials = (BackstageCredentials) request.getAttribute(ATTRIBUTE);
        if (credentials == null) {
            credentials = fromRequest(request);
            request.setAttribute(ATTRIBUTE, credentials);
        }
        List<PrincipalType> allowed = Arrays.asList(allow);
        PrincipalType type = credentials.principal().type();
        if (allowed.isEmpty() || allowed.contains(type)) {
            return credentials;
        }
        if (type == PrincipalType.NONE) {
            throw new AuthenticationError("Missing credentials");
        }
        throw new NotAllowedError("This endpoint does not allow '" + type.name().toLowerCase(Locale.ROOT) + "' credentials");
    }

    private BackstageCredentials fromRequest(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return auth.getNoneCredentials();
        }
        Matcher bearer = BEARER.matcher(header.trim());
        if (!bearer.matches()) {
            throw new AuthenticationError("Illegal Authorization header: expected 'Bearer <token>'");
        }
        return auth.authenticate(bearer.group(1));
    }
}
