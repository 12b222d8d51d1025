package dev.backline.plugin.api.permission;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A boolean combination of conditions ({@code T} is {@link PermissionCondition} in a policy's decision, a plugin's
 * query type after {@link PermissionRuleset#toQuery}): Backstage's {@code PermissionCriteria} with
 * {@code allOf}, {@code anyOf} and {@code not}.
 */
public sealed interface PermissionCriteria<T>
        permits PermissionCriteria.AllOf, PermissionCriteria.AnyOf, PermissionCriteria.Not, PermissionCriteria.Leaf {

    /** Every one of {@code allOf} holds; at least one. */
    record AllOf<T>(List<PermissionCriteria<T>> allOf) implements PermissionCriteria<T> {
        public AllOf {
            allOf = nonEmpty(allOf, "allOf");
        }
    }

    /** At least one of {@code anyOf} holds; at least one. */
    record AnyOf<T>(List<PermissionCriteria<T>> anyOf) implements PermissionCriteria<T> {
        public AnyOf {
            anyOf = nonEmpty(anyOf, "anyOf");
        }
    }

    /** {@code not} does not hold. */
    record Not<T>(PermissionCriteria<T> not) implements PermissionCriteria<T> {
        public Not {
            Objects.requireNonNull(not, "not");
        }
    }

    /** A single condition. */
    record Leaf<T>(T value) implements PermissionCriteria<T> {
        public Leaf {
            Objects.requireNonNull(value, "value");
        }
    }

    @SafeVarargs
    static <T> PermissionCriteria<T> allOf(PermissionCriteria<T>... criteria) {
        return new AllOf<>(Arrays.asList(criteria));
    }

    @SafeVarargs
    static <T> PermissionCriteria<T> anyOf(PermissionCriteria<T>... criteria) {
        return new AnyOf<>(Arrays.asList(criteria));
    }

    static <T> PermissionCriteria<T> not(PermissionCriteria<T> criteria) {
        return new Not<>(criteria);
    }

    static <T> PermissionCriteria<T> of(T condition) {
        return new Leaf<>(condition);
    }

    /** The same tree with each condition replaced by {@code mapper}'s value for it. */
    default <R> PermissionCriteria<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof AllOf<T> all) {
            return new AllOf<>(all.allOf().stream().<PermissionCriteria<R>>map(c -> c.map(mapper)).toList());
        } else if (this instanceof AnyOf<T> any) {
            return new AnyOf<>(any.anyOf().stream().<PermissionCriteria<R>>map(c -> c.map(mapper)).toList());
        } else if (this instanceof Not<T> not) {
            return new Not<>(not.not().map(mapper));
        }
        return new Leaf<>(mapper.apply(((Leaf<T>) this).value()));
    }

    /**
     * The tree reduced to one value: each condition through {@code leaf}, combined with {@code allOf}, {@code anyOf}
     * and {@code not}. E.g. a predicate: {@code fold(c -> c, all -> all.stream().reduce(Predicate::and).get(), ...)};
     * an SQL fragment: {@code fold(c -> c, all -> "(" + String.join(" AND ", all) + ")", ...)}.
     */
    default <R> R fold(Function<? super T, ? extends R> leaf, Function<List<R>, ? extends R> allOf,
            Function<List<R>, ? extends R> anyOf, Function<? super R, ? extends R> not) {
        if (this instanceof AllOf<T> all) {
            return allOf.apply(all.allOf().stream().map(c -> c.<R>fold(leaf, allOf, anyOf, not)).toList());
        } else if (this instanceof AnyOf<T> any) {
            return anyOf.apply(any.anyOf().stream().map(c -> c.<R>fold(leaf, allOf, anyOf, not)).toList());
        } else if (this instanceof Not<T> negated) {
            return not.apply(negated.not().fold(leaf, allOf, anyOf, not));
        }
        return leaf.apply(((Leaf<T>) this).value());
    }

    private static <T> List<PermissionCriteria<T>> nonEmpty(List<PermissionCriteria<T>> criteria, String what) {
        List<PermissionCriteria<T>> copy = List.copyOf(Objects.requireNonNull(criteria, what));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("Permission criteria '" + what + "' need at least one criterion");
        }
        return copy;
    }
}
