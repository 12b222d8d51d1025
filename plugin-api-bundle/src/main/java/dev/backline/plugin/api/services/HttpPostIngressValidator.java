package dev.backline.plugin.api.services;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import dev.backline.plugin.api.errors.BackendError;

/**
 * Checks a request to an HTTP ingress before its event is published, e.g. a webhook's signature.
 *
 * @since 1.4
 */
@ConsumerType
@FunctionalInterface
public interface HttpPostIngressValidator {

    /**
     * Accepts the request by returning; rejects it by throwing a {@link BackendError}, whose status and message the
     * caller receives (e.g. {@code NotAllowedError} for a 403).
     *
     * @param body    the request's body as it arrived
     * @param headers the request's headers, names in lower case
     */
    void validate(byte[] body, Map<String, String> headers) throws BackendError;
}
