package dev.backline.auth.core;

import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.backline.plugin.api.errors.AuthenticationError;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.DiscoveryService;
import dev.backline.plugin.api.services.LoggerService;

/**
 * Tokens from one plugin to another, as Backstage's plugin tokens: ES256, type {@code vnd.backstage.plugin},
 * subject the issuing plugin's id, audience the target plugin's id, valid for one key duration. A receiver
 * verifies them with the issuer's public keys from {@code <issuer base URL>/.backstage/auth/v1/jwks.json},
 * found through discovery.
 */
final class PluginTokens {

    static final JOSEObjectType TYPE = new JOSEObjectType("vnd.backstage.plugin");
    static final String JWKS_PATH = "/.backstage/auth/v1/jwks.json";
    private static final Pattern PLUGIN_ID = Pattern.compile("^[a-z0-9_-]+$", Pattern.CASE_INSENSITIVE);

    private final String ownPluginId;
    private final PluginKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final IssuerKeys issuers;
    private final DiscoveryService discovery;
    private final LoggerService logger;

    PluginTokens(String ownPluginId, PluginKeys keys, Duration lifetime, Clock clock, IssuerKeys issuers,
            DiscoveryService discovery, LoggerService logger) {
        this.ownPluginId = ownPluginId;
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
        this.issuers = issuers;
        this.discovery = discovery;
        this.logger = logger;
    }

    /** A token for a call from this plugin to {@code targetPluginId}. */
    String issue(String targetPluginId) {
        try {
            ECKey key = keys.signingKey();
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(ownPluginId)
                    .audience(targetPluginId)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(lifetime)))
                    .build();
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.getKeyID()).build(),
                    claims);
            token.sign(new ECDSASigner(key));
            return token.serialize();
        } catch (SQLException e) {
            throw new IllegalStateException("Plugin '" + ownPluginId + "' could not publish its signing key: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Plugin '" + ownPluginId + "' could not sign a token: " + e.getMessage(), e);
        }
    }

    /**
     * The credentials of a plugin token meant for this plugin; empty when the token is no plugin token (it
     * may be an external caller's).
     *
     * @throws AuthenticationError for a plugin token that does not verify: signature, audience, expiry
     */
    Optional<AuthCredentials> verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException notAJwt) {
            return Optional.empty();
        }
        if (!TYPE.equals(jwt.getHeader().getType())) {
            return Optional.empty();
        }
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw new AuthenticationError("Invalid plugin token: its claims cannot be read");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new AuthenticationError("Invalid plugin token: missing subject");
        }
        if (!PLUGIN_ID.matcher(issuer).matches()) {
            throw new AuthenticationError("Invalid plugin token: forbidden subject format");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                issuers.at(discovery.getBaseUrl(issuer) + JWKS_PATH)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(ownPluginId, null, Set.of("sub", "aud", "iat", "exp")));
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            return Optional.of(new AuthCredentials(new BackstagePrincipal.Service("plugin:" + issuer),
                    Optional.of(claims.getExpirationTime().toInstant())));
        } catch (BadJOSEException | JOSEException e) {
            logger.warn("A plugin token from '" + issuer + "' failed verification: " + e.getMessage());
            throw new AuthenticationError("Failed plugin token verification");
        }
    }
}
