package dev.backline.runtime.shell;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggests known ids for a mistyped one, by edit distance (Levenshtein, case-insensitive), so an error
 * can say "closest: catalog".
 */
public final class ClosestIds {

    /** How many suggestions an error lists. */
    static final int SUGGESTIONS = 3;

    private ClosestIds() {
    }

    /** Up to {@code max} known ids, nearest first (ties in alphabetical order). */
    public static List<String> closest(String wanted, Collection<String> known, int max) {
        String target = wanted.toLowerCase(Locale.ROOT);
        return known.stream()
                .distinct()
                .sorted(Comparator.comparingInt((String id) -> distance(target, id.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(max)
                .toList();
    }

    /**
     * The error for an unknown id: {@code No plugin 'catalg'; closest: catalog, example}, or
     * {@code No plugin 'x'; none is known} when there is nothing to suggest.
     *
     * @param kind what the id names, e.g. "plugin"
     */
    public static IllegalArgumentException unknown(String kind, String wanted, Collection<String> known) {
        List<String> suggestions = closest(wanted, known, SUGGESTIONS);
        return new IllegalArgumentException("No " + kind + " '" + wanted + "'; "
                + (suggestions.isEmpty() ? "none is known" : "closest: " + String.join(", ", suggestions)));
    }

    /** The number of single-character insertions, deletions and substitutions turning {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
