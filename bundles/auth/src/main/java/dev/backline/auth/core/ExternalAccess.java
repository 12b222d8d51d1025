package dev.backline.auth.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.backline.plugin.api.errors.NotAllowedError;
import dev.backline.plugin.api.services.BackstagePrincipal;
import dev.backline.plugin.api.services.Config;

/**
 * Callers from outside the backend, from {@code backend.auth.externalAccess}: entries of type {@code static}
 * (a fixed token and the subject it stands for) and {@code jwks} (tokens signed by keys at a URL, with an
 * optional issuer, audience and algorithms). Either may be limited to some plugins with
 * {@code accessRestrictions: [{plugin: catalog}]}.
 */
final class ExternalAccess {

    static final String KEY = "backend.auth.externalAccess";
    private static final int MIN_TOKEN_LENGTH = 8;
    private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
            JWSAlgorithm.PS256, JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS512, JWSAlgorithm.ES512);

    /** A way in: a subject for a token it recognises. */
    private interface Entry {
        Optional<String> subjectOf(String token);

        Optional<Set<String>> plugins();
    }

    private record StaticToken(byte[] token, String subject, Optional<Set<String>> plugins) implements Entry {
        @Override
        public Optional<String> subjectOf(String candidate) {
            // Constant time: the comparison must not tell how much of a guess was right.
            return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8)) ? Optional.of(subject) : Optional.empty();
        }
    }

    private record Jwks(DefaultJWTProcessor<SecurityContext> processor, Optional<Set<String>> issuers, String subjectPrefix,
            Optional<Set<String>> plugins) implements Entry {
        @Override
        public Optional<String> subjectOf(String token) {
            try {
                JWTClaimsSet claims = processor.process(token, null);
                if (issuers.isPresent() && !issuers.get().contains(claims.getIssuer())) {
                    return Optional.empty();
                }
                return Optional.of(subjectPrefix + claims.getSubject());
            } catch (ParseException | BadJOSEException | JOSEException notOurs) {
                return Optional.empty();
            }
        }
    }

    private final List<Entry> entries;

    private ExternalAccess(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @throws IllegalArgumentException naming the key path, for an entry that is not valid
     */
    static ExternalAccess from(Config root, IssuerKeys issuerKeys) {
        List<Entry> entries = new ArrayList<>();
        List<Config> configured = root.getOptionalConfigArray(KEY).orElse(List.of());
        for (int i = 0; i < configured.size(); i++) {
            Config entry = configured.get(i);
            String path = KEY + "[" + i + "]";
            String type = entry.getOptionalString("type").orElseThrow(() -> new IllegalArgumentException(
                    "Missing required config value at '" + path + ".type'; use static or jwks"));
            Optional<Set<String>> plugins = restrictions(entry, path);
            Config options = entry.getOptionalConfig("options").orElseThrow(() -> new IllegalArgumentException(
                    "Missing required config value at '" + path + ".options'"));
            entries.add(switch (type) {
                case "static" -> staticToken(options, path + ".options", plugins);
                case "jwks" -> jwks(options, path + ".options", plugins, issuerKeys);
                default -> throw new IllegalArgumentException("Unknown type '" + type + "' at '" + path
                        + ".type'; Backline supports static and jwks");
            });
        }
        return new ExternalAccess(entries);
    }

    /**
     * The service principal a token of an external caller stands for, when one of the entries recognises it.
     *
     * @throws NotAllowedError when the entry limits the token to other plugins than {@code ownPluginId}
     */
    Optional<BackstagePrincipal.Service> principalOf(String token, String ownPluginId) {
        for (Entry entry : entries) {
            Optional<String> subject = entry.subjectOf(token);
            if (subject.isPresent()) {
                if (entry.plugins().isPresent() && !entry.plugins().get().contains(ownPluginId)) {
                    throw new NotAllowedError("This token's access is restricted to plugin(s) "
                            + entry.plugins().get().stream().sorted().map(p -> "'" + p + "'").collect(Collectors.joining(", ")));
                }
                return Optional.of(new BackstagePrincipal.Service(subject.get(), entry.plugins()));
            }
        }
        return Optional.empty();
    }

    private static StaticToken staticToken(Config options, String path, Optional<Set<String>> plugins) {
        String token = required(options, "token", path);
        String subject = required(options, "subject", path);
        if (!token.matches("\\S+")) {
            throw new IllegalArgumentException("Illegal token at '" + path + ".token': it must be a set of non-space characters");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("Illegal token at '" + path + ".token': it must be at least "
                    + MIN_TOKEN_LENGTH + " characters long");
        }
        if (!subject.matches("\\S+")) {
            throw new IllegalArgumentException("Illegal subject at '" + path + ".subject': it must be a set of non-space characters");
        }
        return new StaticToken(token.getBytes(StandardCharsets.UTF_8), subject, plugins);
    }

    private static Jwks jwks(Config options, String path, Optional<Set<String>> plugins, IssuerKeys issuerKeys) {
        DefaultJWTProcessor<SecurityContext> processor = jwtProcessor(options, path, issuerKeys);
        String prefix = options.getOptionalString("subjectPrefix").map(p -> "external:" + p + ":").orElse("external:");
        return new Jwks(processor, issuers(options, path), prefix, plugins);
    }

    /**
     * Verifies tokens signed by the keys at {@code options.url} with one of {@code options.algorithm} (all common
     * asymmetric ones unless given), for {@code options.audience} when given, carrying a subject and an expiry.
     */
    static DefaultJWTProcessor<SecurityContext> jwtProcessor(Config options, String path, IssuerKeys issuerKeys) {
        String url = required(options, "url", path);
        JWKSource<SecurityContext> keys;
        try {
            keys = issuerKeys.at(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Illegal JWKS URL at '" + path + ".url': " + url, e);
        }
        Set<JWSAlgorithm> algorithms = stringOrList(options, "algorithm", path).map(names -> names.stream()
                .map(JWSAlgorithm::parse).collect(Collectors.toSet())).orElse(DEFAULT_ALGORITHMS);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        Set<String> audiences = stringOrList(options, "audience", path).map(Set::copyOf).orElse(null);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences, null, Set.of("sub", "exp"), null));
        return processor;
    }

    /** The issuers {@code options.issuer} names (one or a list), when it is set. */
    static Optional<Set<String>> issuers(Config options, String path) {
        return stringOrList(options, "issuer", path).map(Set::copyOf);
    }

    private static Optional<Set<String>> restrictions(Config entry, String path) {
        Optional<List<Config>> restrictions = entry.getOptionalConfigArray("accessRestrictions");
        if (restrictions.isEmpty()) {
            return Optional.empty();
        }
        Set<String> plugins = new LinkedHashSet<>();
        List<Config> list = restrictions.get();
        for (int i = 0; i < list.size(); i++) {
            plugins.add(required(list.get(i), "plugin", path + ".accessRestrictions[" + i + "]"));
        }
        return Optional.of(plugins);
    }

    private static Optional<List<String>> stringOrList(Config options, String key, String path) {
        if (!options.has(key)) {
            return Optional.empty();
        }
        Object value = options.get(key);
        if (value instanceof List<?>) {
            return options.getOptionalStringArray(key);
        }
        return options.getOptionalString(key).map(List::of);
    }

    private static String required(Config config, String key, String path) {
        return config.getOptionalString(key).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "Missing required config value at '" + path + "." + key + "'"));
    }
}
