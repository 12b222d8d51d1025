package dev.backline.runtime.logging;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces known secret values with {@value #MASK} in text, in field values and in throwables.
 * Secrets can be added at any time (config is read after the logger exists); a change is seen by every
 * thread on its next call.
 *
 * <p>Secrets are trimmed (YAML block scalars bring trailing newlines) and those shorter than
 * {@value #MIN_SECRET_LENGTH} characters after trimming are ignored: an empty or one-character secret
 * (local dev and tests often use "x") would mask every occurrence of that letter and make logs unreadable
 * while protecting nothing. Backstage's logger redacter draws the same line.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Secrets shorter than this (after trimming) are ignored. */
    public static final int MIN_SECRET_LENGTH = 2;

    private static final String MASK_REPLACEMENT = Matcher.quoteReplacement(MASK);

    private final Set<String> secrets = new HashSet<>(); // guarded by this

    // Rebuilt on every add and read without locking; null while there is nothing to redact.
    private volatile Pattern pattern;

    /** Adds secrets to redact from now on. Null, blank and too-short entries are skipped. */
    public synchronized void add(Collection<String> newSecrets) {
        boolean changed = false;
        for (String secret : Objects.requireNonNull(newSecrets, "secrets")) {
            if (secret == null) {
                continue;
            }
            String trimmed = secret.trim();
            if (trimmed.length() >= MIN_SECRET_LENGTH && secrets.add(trimmed)) {
                changed = true;
            }
        }
        if (changed) {
            // Longest first, so a secret that contains another is masked whole, not as "***rest".
            pattern = Pattern.compile(secrets.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|")));
        }
    }

    /** {@code text} with every secret masked; null stays null. */
    public String redact(String text) {
        Pattern p = pattern;
        if (p == null || text == null) {
            return text;
        }
        return p.matcher(text).replaceAll(MASK_REPLACEMENT);
    }

    /**
     * A field value safe to log: the value itself when its string form holds no secret (so providers that
     * render structured values still get the original type), else its string form with secrets masked.
     * Object arrays are judged by their deep string form, as structured encoders print their elements.
     */
    public Object redactValue(Object value) {
        Pattern p = pattern;
        if (p == null || value == null) {
            return value;
        }
        String form = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        if (!p.matcher(form).find()) {
            return value;
        }
        return p.matcher(form).replaceAll(MASK_REPLACEMENT);
    }

    /**
     * The throwable itself when no message in its cause/suppressed tree holds a secret; otherwise a copy
     * of the whole tree made of {@link RedactedException}s (a throwable's message cannot be changed, and
     * a copied node needs copied causes to point to).
     */
    public Throwable redact(Throwable error) {
        Pattern p = pattern;
        if (p == null || error == null || !holdsSecret(error, p, newIdentitySet())) {
            return error;
        }
        return copy(error, new IdentityHashMap<>());
    }

    private static boolean holdsSecret(Throwable t, Pattern p, Set<Throwable> seen) {
        if (!seen.add(t)) {
            return false; // cause chains can be cyclic
        }
        if (matches(p, t.getMessage()) || matches(p, t.getLocalizedMessage())) {
            return true;
        }
        if (t.getCause() != null && holdsSecret(t.getCause(), p, seen)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (holdsSecret(suppressed, p, seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Pattern p, String text) {
        return text != null && p.matcher(text).find();
    }

    private RedactedException copy(Throwable t, Map<Throwable, RedactedException> copies) {
        RedactedException done = copies.get(t);
        if (done != null) {
            return done;
        }
        RedactedException copy = new RedactedException(t.getClass().getName(), redact(t.getMessage()), t.getStackTrace());
        copies.put(t, copy); // before recursing, so a cycle ends at this copy
        if (t.getCause() != null) {
            copy.initCause(copy(t.getCause(), copies));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, copies));
        }
        return copy;
    }

    private static Set<Throwable> newIdentitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
