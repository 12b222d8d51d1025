package dev.backline.plugin.api.services;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic opened to HTTP: {@code POST /api/events/http/<topic>}.
 *
 * @param topic              the topic; letters, digits, {@code .}, {@code _} and {@code -}
 * @param allowUnauthenticated whether callers without credentials may post (a webhook of another system); then a
 *                           validator should check what they send
 * @param validator          checks each request before its event is published; null accepts every JSON body
 * @since 1.4
 */
public record HttpPostIngressOptions(String topic, boolean allowUnauthenticated, HttpPostIngressValidator validator) {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]+");

    public HttpPostIngressOptions {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("An HTTP ingress topic is letters, digits, '.', '_' and '-', got '"
                    + topic + "'");
        }
    }

    /** A topic behind the auth barrier, every JSON body accepted. */
    public static HttpPostIngressOptions of(String topic) {
        return new HttpPostIngressOptions(topic, false, null);
    }

    public HttpPostIngressOptions validator(HttpPostIngressValidator value) {
        return new HttpPostIngressOptions(topic, allowUnauthenticated, Objects.requireNonNull(value, "validator"));
    }

    public HttpPostIngressOptions openToUnauthenticated() {
        return new HttpPostIngressOptions(topic, true, validator);
    }
}
