package dev.backline.auth.core;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The public keys of token issuers, fetched from their JWKS URLs and cached (Nimbus refetches when a
 * token names a key it has not seen, at most every 30 s). Shared by every plugin of the backend, so each
 * issuer's keys are fetched once.
 */
final class IssuerKeys {

    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    /** The keys published at {@code url}. */
    JWKSource<SecurityContext> at(String url) {
        return sources.computeIfAbsent(url, IssuerKeys::remote);
    }

    private static JWKSource<SecurityContext> remote(String url) {
        URL location;
        try {
            location = URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + url, e);
        }
        return JWKSourceBuilder.create(location).retrying(true).build();
    }
}
