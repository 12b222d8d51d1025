package dev.backline.runtime.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage's {@code ${VAR}} substitution in config strings: {@code ${VAR}} is the variable's value
 * (trimmed), {@code ${VAR:-default}} falls back when the variable is unset or empty, {@code $${...}}
 * is a literal {@code ${...}}. If any referenced variable is unset (and has no non-empty default),
 * the whole string has no value, and the key holding it is left out.
 */
final class EnvSubstitution {

    // Same shape as Backstage's /(\$?\$\{[^{}]*\})/: a reference cannot contain braces.
    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{[^{}]*\\}");

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable's value, trimmed as Backstage trims it; empty when unset. */
    Optional<String> variable(String name) {
        String value = environment.get(name);
        return value == null ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * @param onUnset told the name of an unset variable that left the string without a value
     * @return the substituted string, or empty when a variable is unset
     */
    Optional<String> apply(String input, Consumer<String> onUnset) {
        Matcher matcher = REFERENCE.matcher(input);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(input, last, matcher.start());
            last = matcher.end();
            String reference = matcher.group();
            if (reference.startsWith("$$")) {
                out.append(reference, 1, reference.length());
                continue;
            }
            String inner = reference.substring(2, reference.length() - 1);
            int fallbackAt = inner.indexOf(":-");
            String name = (fallbackAt < 0 ? inner : inner.substring(0, fallbackAt)).trim();
            Optional<String> value = variable(name);
            if (fallbackAt >= 0) {
                String fallback = inner.substring(fallbackAt + 2).trim();
                // Backstage: `value || fallback || undefined`, so empty counts as unset here.
                value = value.filter(v -> !v.isEmpty()).or(() -> Optional.of(fallback).filter(f -> !f.isEmpty()));
            }
            if (value.isEmpty()) {
                onUnset.accept(name);
                return Optional.empty();
            }
            out.append(value.get());
        }
        out.append(input, last, input.length());
        return Optional.of(out.toString());
    }
}
