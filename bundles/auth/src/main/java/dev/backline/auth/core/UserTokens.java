package dev.backline.auth.core;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.backline.plugin.api.errors.ServiceUnavailableError;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.Config;

/**
 * Users' tokens, from {@code backend.auth.userTokens}: Backline signs no one in, it accepts the user tokens of an
 * identity provider that issues them as Backstage's auth backend does: header type {@code vnd.backstage.user}, the
 * user entity ref as subject, the ownership refs in {@code ent}, signed by keys published at a JWKS URL.
 */
final class UserTokens {

    static final String KEY = "backend.auth.userTokens";
    static final JOSEObjectType TYPE = new JOSEObjectType("vnd.backstage.user");
    private static final Pattern USER_REF = Pattern.compile("user:[^/:\\s]+/\\S+");

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Optional<Set<String>> issuers;

    private UserTokens(DefaultJWTProcessor<SecurityContext> processor, Optional<Set<String>> issuers) {
        this.processor = processor;
        this.issuers = issuers;
    }

    /**
     * The configured user tokens, or none.
     *
     * @throws IllegalArgumentException naming the key path, when the configuration is not valid
     */
    static Optional<UserTokens> from(Config root, IssuerKeys issuerKeys) {
        Optional<Config> options = root.getOptionalConfig(KEY);
        if (options.isEmpty()) {
            return Optional.empty();
        }
        DefaultJWTProcessor<SecurityContext> processor = ExternalAccess.jwtProcessor(options.get(), KEY, issuerKeys);
        // Only user tokens: a service token of the same issuer must not pass for a user.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        return Optional.of(new UserTokens(processor, ExternalAccess.issuers(options.get(), KEY)));
    }

    /** The user's credentials, when {@code token} is a valid user token; empty for any other token. */
    Optional<UserCredentials> verify(String token) {
        try {
            // Only a token that says it is a user's is checked against the user keys: any other goes on unread here.
            if (!TYPE.equals(JWSObject.parse(token).getHeader().getType())) {
                return Optional.empty();
            }
        } catch (ParseException notAJwt) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (RateLimitReachedException refetchedJustNow) {
            // a key id the set lacks, asked again within the refetch limit: a token of an unknown key, not an outage
            return Optional.empty();
        } catch (KeySourceException unreachable) {
            // The users' keys could not be had: say so, rather than calling every user's token illegal.
            throw new ServiceUnavailableError("The keys of users' tokens at '" + KEY + ".url' could not be read: "
                    + unreachable.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException notAUserToken) {
            return Optional.empty();
        }
        if (issuers.isPresent() && !issuers.get().contains(claims.getIssuer())) {
            return Optional.empty();
        }
        String subject = claims.getSubject();
        if (!USER_REF.matcher(subject).matches()) {
            return Optional.empty();
        }
        List<String> ownership;
        try {
            ownership = Optional.ofNullable(claims.getStringListClaim("ent")).orElse(List.of(subject));
        } catch (ParseException notStrings) {
            return Optional.empty();
        }
        return Optional.of(new UserCredentials(new BackstagePrincipal.User(subject),
                Optional.of(claims.getExpirationTime().toInstant()), ownership, token));
    }
}
